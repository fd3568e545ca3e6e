"""knowledge articles with a segmented FTS5 index

Revision ID: 0002_knowledge
Revises: 0001_initial
"""
import sqlalchemy as sa
from alembic import op

revision = "0002_knowledge"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kb_articles",
        sa.Column("doc", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("category_code", sa.String(length=16), nullable=True),
        sa.Column("department_code", sa.String(length=32), nullable=True),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("editor", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("doc", name=op.f("pk_kb_articles")),
        sa.UniqueConstraint("article_id", name=op.f("uq_kb_articles_article_id")),
    )
    # Segmented text (words separated by spaces) goes in; unicode61 splits on
    # the spaces and folds case. rowid = kb_articles.doc. Not external-content:
    # the stored text is the segmented form, not the article's own columns.
    op.execute("CREATE VIRTUAL TABLE kb_fts USING fts5(title, tags, body, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    # Document frequency per word, so a query can drop words that are in most articles.
    op.execute("CREATE VIRTUAL TABLE kb_fts_vocab USING fts5vocab(kb_fts, 'row')")
    # ... and per column, to know how many titles/tags hold a word.
    op.execute("CREATE VIRTUAL TABLE kb_fts_vocab_col USING fts5vocab(kb_fts, 'col')")
    op.execute("CREATE VIRTUAL TABLE kb_duty_fts USING fts5(department_code UNINDEXED, line UNINDEXED, name, text, "
               "tokenize = 'unicode61 remove_diacritics 2')")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS kb_duty_fts")
    op.execute("DROP TABLE IF EXISTS kb_fts_vocab_col")
    op.execute("DROP TABLE IF EXISTS kb_fts_vocab")
    op.execute("DROP TABLE IF EXISTS kb_fts")
    op.drop_table("kb_articles")
