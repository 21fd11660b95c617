"""The loaders' shared report and folder digest."""

from treaties.loading import LoadReport, folder_digest


def test_the_report_counts_created_and_updated_records_by_kind():
    report = LoadReport()
    report.count("treaties")
    report.count("treaties", created=False)
    report.count("acts", number=3)
    report.count("participants", number=0)

    assert report.lines() == ["acts: 3 created, 0 updated", "treaties: 1 created, 1 updated"]


def test_the_digest_changes_with_a_file_s_bytes_or_its_name(tmp_path):
    (tmp_path / "data").mkdir()
    table = tmp_path / "data" / "table.csv"
    table.write_text("a,b\n")
    before = folder_digest(tmp_path / "data")

    table.write_text("a,c\n")
    edited = folder_digest(tmp_path / "data")
    table.rename(tmp_path / "data" / "renamed.csv")
    renamed = folder_digest(tmp_path / "data")

    assert len({before, edited, renamed}) == 3


def test_the_digest_counts_the_code_that_reads_the_files(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "table.csv").write_text("a,b\n")
    reader = tmp_path / "reader.py"
    reader.write_text("VERSION = 1\n")

    assert folder_digest(tmp_path / "data", also=[reader]) != folder_digest(tmp_path / "data")
