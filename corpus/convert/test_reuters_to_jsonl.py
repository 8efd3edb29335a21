#!/usr/bin/env python3
"""Self-test for reuters_to_jsonl.py (unittest, standard library only).

Run from anywhere:  python3 corpus/convert/test_reuters_to_jsonl.py
Exits non-zero when a test fails. The SGML below is invented for the test;
it only imitates the layout of the Reuters-21578 files.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "reuters_to_jsonl.py")
sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, HERE)

import reuters_to_jsonl as converter  # noqa: E402

# Three fake records: a full story (entities, control references, a leading-space
# day, two authors, a doubled signature), a headline-only BRIEF, and an UNPROC
# table with neither title nor body.
SAMPLE_SGML = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="90001" NEWID="901">
<DATE> 3-MAR-1987 09:17:32.30</DATE>
<TOPICS><D>trade</D><D>grain</D></TOPICS>
<PLACES><D>usa</D><D>ruritania</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;G T
&#22;&#22;&#1;f9901&#31;reute
r f BC-RURITANIA-GRAIN   03-03 0099</UNKNOWN>
<TEXT>&#2;
<TITLE>RURITANIA &amp; USA AGREE GRAIN   PACT &lt;RGB></TITLE>
<AUTHOR>    By Jane Q. Example and JOHN ROE, Reuters</AUTHOR>
<DATELINE>    WASHINGTON, March 3 - </DATELINE><BODY>Ruritania and the United States agreed a
three-year grain pact, the Ruritanian Grain Board &lt;RGB> said,
adding that shipments start in May.
    The board said prices would be set &quot;quarterly&quot; under
the accord &amp; reviewed each year.&#30;
    "It is a fair deal," an official told
Reuters.
 REUTER
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="90002" NEWID="902">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;F
&#22;&#22;&#1;f9902&#31;reute
b f BC-FICTIONAL-CO   02-26 0011</UNKNOWN>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>FICTIONAL MILLS SETS   QUARTERLY
DIVIDEND
</TITLE>Blah blah blah.
&#3;

</TEXT>
</REUTERS>
<REUTERS TOPICS="BYPASS" LEWISSPLIT="NOT-USED" CGISPLIT="TRAINING-SET" OLDID="90003" NEWID="903">
<DATE>26-FEB-1987 15:10:44.60</DATE>
<TOPICS></TOPICS>
<PLACES><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<ORGS></ORGS>
<EXCHANGES></EXCHANGES>
<COMPANIES></COMPANIES>
<UNKNOWN> 
&#5;&#5;&#5;RM
f9903&#31;reute
</UNKNOWN>
<TEXT TYPE="UNPROC">&#2;
CENTRAL BANK WEEKLY TABLE - FEB 26
 Reserves..............123 vs.....456
&#3;

</TEXT>
</REUTERS>
"""

EXPECTED_FIRST = {
    "id": "reuters-901",
    "title": "RURITANIA & USA AGREE GRAIN PACT <RGB>",
    "body": ("Ruritania and the United States agreed a three-year grain pact, the "
             "Ruritanian Grain Board <RGB> said, adding that shipments start in May."
             "\n\n"
             "The board said prices would be set \"quarterly\" under the accord & "
             "reviewed each year."
             "\n\n"
             "\"It is a fair deal,\" an official told Reuters."),
    "date": "1987-03-03T09:17:32",
    "source": "Reuters",
    "authors": ["Jane Q. Example", "John Roe"],
    "tags": ["trade", "grain"],
    "places": ["usa", "ruritania"],
    "language": "en",
    "dateline": "WASHINGTON, March 3",
}

EXPECTED_BRIEF = {
    "id": "reuters-902",
    "title": "FICTIONAL MILLS SETS QUARTERLY DIVIDEND",
    "body": "",
    "date": "1987-02-26T15:01:01",
    "source": "Reuters",
    "authors": [],
    "tags": [],
    "places": [],
    "language": "en",
    "dateline": "",
}


def run_script(args, stdin_text=None):
    return subprocess.run(
        [sys.executable, SCRIPT] + args,
        input=None if stdin_text is None else stdin_text.encode("latin-1"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)


def parse_lines(stdout_bytes):
    text = stdout_bytes.decode("utf-8")
    lines = text.split("\n")
    assert lines[-1] == "", "output must end with a newline"
    return [json.loads(line) for line in lines[:-1]]


class CommandLineTest(unittest.TestCase):
    def test_file_to_stdout(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "reut2-fake.sgm")
            with open(path, "wb") as handle:
                handle.write(SAMPLE_SGML.encode("latin-1"))
            result = run_script([path])
        self.assertEqual(result.returncode, 0, result.stderr.decode())
        records = parse_lines(result.stdout)
        self.assertEqual(len(records), 2)
        self.assertEqual(records[0], EXPECTED_FIRST)
        self.assertEqual(records[1], EXPECTED_BRIEF)
        self.assertEqual(list(records[0]), list(EXPECTED_FIRST), "field order")
        stderr = result.stderr.decode()
        self.assertIn("3 records read, 2 written, 1 skipped", stderr)
        self.assertIn("skipped: no title and no body: 1", stderr)

    def test_stdin_and_output_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "out.jsonl")
            result = run_script(["-o", out, "-"], stdin_text=SAMPLE_SGML)
            self.assertEqual(result.returncode, 0, result.stderr.decode())
            self.assertEqual(result.stdout, b"")
            with open(out, "rb") as handle:
                records = parse_lines(handle.read())
        self.assertEqual([record["id"] for record in records], ["reuters-901", "reuters-902"])

    def test_latin1_byte_becomes_utf8(self):
        sgml = SAMPLE_SGML.replace("three-year grain pact", "three-year M\u00fcller grain pact")
        result = run_script(["-"], stdin_text=sgml)
        self.assertEqual(result.returncode, 0)
        self.assertIn("M\u00fcller".encode("utf-8"), result.stdout)  # UTF-8, not \u00fc escapes
        self.assertIn("M\u00fcller grain pact", parse_lines(result.stdout)[0]["body"])

    def test_help_and_missing_file(self):
        result = run_script(["--help"])
        self.assertEqual(result.returncode, 0)
        self.assertIn(b"usage:", result.stdout)
        result = run_script([os.path.join(HERE, "no-such-file.sgm")])
        self.assertNotEqual(result.returncode, 0)
        self.assertIn(b"cannot read", result.stderr)

    def test_keep_lines(self):
        result = run_script(["--keep-lines", "-"], stdin_text=SAMPLE_SGML)
        body = parse_lines(result.stdout)[0]["body"]
        self.assertTrue(body.startswith("Ruritania and the United States agreed a\nthree-year"))
        self.assertTrue(body.endswith("an official told\nReuters."))


class HelperTest(unittest.TestCase):
    def test_entities_and_controls(self):
        self.assertEqual(converter.clean_text("a &lt;B&gt; &amp; c&#3;&#5;\td&#127;"), "a <B> & c d")
        self.assertEqual(converter.decode_entities("&unknown; &#x41;"), "&unknown; A")

    def test_dates(self):
        self.assertEqual(converter.parse_date(" 3-MAR-1987 09:17:32.30"), ("1987-03-03T09:17:32", None))
        self.assertEqual(converter.parse_date("26-FEB-1987 15:01:01.79&#9;&#9;&#9;C T")[0],
                         "1987-02-26T15:01:01")
        self.assertEqual(converter.parse_date("9-MAR-1987  04:58:41.12")[0], "1987-03-09T04:58:41")
        date, problem = converter.parse_date("31-MAR-1987 605:12:19.12")
        self.assertEqual(date, "1987-03-31")
        self.assertIsNotNone(problem)
        self.assertEqual(converter.parse_date("31-FOO-1987 10:00:00")[0], None)

    def test_signatures(self):
        strip = converter.strip_signature
        self.assertEqual(strip("Prices rose.\n Reuter\n"), "Prices rose.")
        self.assertEqual(strip("Prices rose.\nREUTER...\n"), "Prices rose.")
        self.assertEqual(strip("Prices rose. REUTER"), "Prices rose.")
        self.assertEqual(strip("SANTA FE....22....0 REUTER"), "SANTA FE....22....0")
        self.assertEqual(strip("an aide told\nReuters."), "an aide told\nReuters.")
        self.assertEqual(strip("the shares of Reuters"), "the shares of Reuters")

    def test_authors(self):
        parse = converter.parse_authors
        self.assertEqual(parse("    By Jane Doe, Reuters"), ["Jane Doe"])
        self.assertEqual(parse("    by TED O'HARA, REUTERS"), ["Ted O'Hara"])
        self.assertEqual(parse("    By Ann Lee and Bo Kim, Reuter"), ["Ann Lee", "Bo Kim"])
        self.assertEqual(parse("    By Sam Poe"), ["Sam Poe"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
