"""kb_words: lexicon changes and words learned from answered cases

Revision ID: 0009_kb_words
Revises: 0008_trust

- kb_lexicon: team leads' and the feed's changes to the shipped colloquial
  lexicon (resources/kb/lexicon.tsv): a term and the words articles use.
- kb_learned: per article, the words of descriptions of cases answered with
  it, with a weight that decays over time (console.knowledge.learning).
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_kb_words"
down_revision = "0008_trust"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_lexicon",
        sa.Column("term", sa.String(length=64), nullable=False),
        sa.Column("targets", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("term", name=op.f("pk_kb_lexicon")),
    )
    op.create_table(
        "kb_learned",
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "word", name=op.f("pk_kb_learned")),
    )
    op.create_index(op.f("ix_kb_learned_word"), "kb_learned", ["word"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_kb_learned_word"), table_name="kb_learned")
    op.drop_table("kb_learned")
    op.drop_table("kb_lexicon")
