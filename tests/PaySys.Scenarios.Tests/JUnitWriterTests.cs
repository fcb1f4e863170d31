using System.Xml.Linq;
using PaySys.Scenarios.Engine;
using PaySys.Scenarios.Model;
using PaySys.Scenarios.Reporting;

namespace PaySys.Scenarios.Tests;

public sealed class JUnitWriterTests
{
    private static readonly SourceLocation Line8 = new("scenarios/acquiring/otp.yaml", 8, 5);

    private static SuiteResult Suite()
    {
        var passed = new ScenarioResult(
            new ScenarioFile("scenarios/acquiring/otp.yaml", "scenarios/acquiring/otp.yaml", "acquiring/otp", "scenarios.acquiring"),
            "OTP payment", "sc.acquiring.otp",
            [new StepReport(1, "call", "call pam.prepare_payment", Line8, ["→ pam.prepare_payment {}", "← result {}"], null, TimeSpan.FromMilliseconds(5))],
            1, null, false, TimeSpan.FromMilliseconds(12));
        var failed = new ScenarioResult(
            new ScenarioFile("scenarios/vendor/refund.yaml", "scenarios/vendor/refund.yaml", "vendor/refund", "scenarios.vendor"),
            "Refund cap", "sc.vendor.refund",
            [new StepReport(1, "call", "call paysys.payment_adjustments", Line8 with { File = "scenarios/vendor/refund.yaml" }, ["→ x\u0001"], "error.code: expected -32312, got -32314", TimeSpan.Zero)],
            3, "step 1 (call paysys.payment_adjustments) at scenarios/vendor/refund.yaml:8:5:\nerror.code: expected -32312, got -32314", false, TimeSpan.FromMilliseconds(3));
        var malformed = ScenarioResult.Unloadable(
            new ScenarioFile("scenarios/bad.yaml", "scenarios/bad.yaml", "bad", "scenarios"),
            "scenarios/bad.yaml:3:7: unknown key 'parms'");
        return new SuiteResult([passed, failed, malformed], new Coverage(), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void One_testcase_per_file_with_counts_on_the_suite()
    {
        var xml = JUnitWriter.Build(Suite());

        var suite = xml.Root!.Element("testsuite")!;
        xml.Root.Name.LocalName.Should().Be("testsuites");
        ((int)suite.Attribute("tests")!).Should().Be(3);
        ((int)suite.Attribute("failures")!).Should().Be(1);
        ((int)suite.Attribute("errors")!).Should().Be(1);
        suite.Elements("testcase").Select(c => ((string)c.Attribute("classname")!, (string)c.Attribute("name")!))
            .Should().Equal(("scenarios.acquiring", "OTP payment"), ("scenarios.vendor", "Refund cap"), ("scenarios", "scenarios/bad.yaml"));
    }

    [Fact]
    public void Steps_go_to_system_out_and_failures_carry_the_diff()
    {
        var cases = JUnitWriter.Build(Suite()).Root!.Element("testsuite")!.Elements("testcase").ToList();

        cases[0].Element("failure").Should().BeNull();
        cases[0].Element("system-out")!.Value.Should().Contain("ok   1. call pam.prepare_payment (scenarios/acquiring/otp.yaml:8:5)").And.Contain("← result {}");

        var failure = cases[1].Element("failure")!;
        ((string)failure.Attribute("message")!).Should().Be("step 1 (call paysys.payment_adjustments) at scenarios/vendor/refund.yaml:8:5:");
        failure.Value.Should().Contain("expected -32312, got -32314");
        cases[1].Element("system-out")!.Value.Should().Contain("FAIL 1.").And.Contain("→ x\uFFFD");

        var error = cases[2].Element("error")!;
        ((string)error.Attribute("type")!).Should().Be("malformed scenario");
        error.Value.Should().Be("scenarios/bad.yaml:3:7: unknown key 'parms'");
    }

    [Fact]
    public void The_file_is_utf8_xml_without_a_byte_order_mark()
    {
        var path = Path.Combine(Path.GetTempPath(), $"junit-{Guid.NewGuid():N}", "out.xml");
        try
        {
            JUnitWriter.Write(Suite(), path);

            File.ReadAllBytes(path).Take(5).Should().Equal("<?xml"u8.ToArray());
            XDocument.Load(path).Root!.Element("testsuite")!.Elements("testcase").Should().HaveCount(3);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, true);
        }
    }
}
