#!/usr/bin/env python3
"""Prints the ten slowest tests of the .trx files given (issue 19: where `dotnet test` spends its time)."""
import re
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration: str) -> float:
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


tests = []
for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iterfind(".//t:UnitTestResult", NS):
        if "duration" in result.attrib:
            tests.append((seconds(result.attrib["duration"]), re.sub(r"\s+", " ", result.attrib["testName"])[:160]))
tests.sort(reverse=True)
print(f"ten slowest of {len(tests)} tests:")
for duration, name in tests[:10]:
    print(f"  {duration:7.2f} s  {name}")
