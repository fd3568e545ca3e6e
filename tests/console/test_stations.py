"""Station codes and case number ranges (console/stations.py)."""
from console.stations import in_range, is_provisional, new_provisional_station, station_of, valid_station


def test_provisional_stations_are_the_profiles_own_and_fit_a_number():
    made = {new_provisional_station() for _ in range(1000)}
    assert len(made) == 1000
    for station in made:
        assert is_provisional(station) and valid_station(station) and len(station) <= 16
        assert len(f"CD-{station}-20261203-0001") <= 40
    assert not is_provisional("S001") and not is_provisional("A01")


def test_a_number_is_in_a_range_only_when_well_formed():
    assert station_of("CD-S001-20261203-0001") == "S001" and in_range("CD-S001-20261203-12345", "S001")
    assert not in_range("CD-S001-20261203-0001", "S002") and not in_range("CD-S001-20261203-0001", None)
    for bad in ("CD-S001-20261203-0001~01a238", "CD-S001-2026123-0001", "CD--20261203-0001", "", "S001"):
        assert station_of(bad) is None and not in_range(bad, "S001")
    for bad in ("", "s001", "S-01", "S" * 17, None, 7, "S001\n"):
        assert not valid_station(bad)
