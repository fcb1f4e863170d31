using System.Text.Json.Nodes;
using PaySys.Scenarios.Loading;
using PaySys.Scenarios.Model;

namespace PaySys.Scenarios.Tests;

/// <summary>The loader: a good file becomes steps with their lines; a bad one is file:line:col and what is wrong.</summary>
public sealed class ScenarioLoaderTests
{
    private const string File = "scenarios/x.yaml";

    private static Scenario Parse(string yaml) => ScenarioLoader.Parse(yaml, File, "x");

    private static IReadOnlyList<LoadProblem> Problems(string yaml)
    {
        var act = () => Parse(yaml);
        var error = act.Should().Throw<ScenarioLoadException>().Which;
        error.Problems.Should().NotBeEmpty();
        error.Message.Split(Environment.NewLine).Should().AllSatisfy(line => line.Should().MatchRegex(@"^scenarios/x\.yaml:[0-9]+:[0-9]+: \S"));
        return error.Problems;
    }

    [Fact]
    public void A_good_file_has_its_steps_in_order_with_their_lines()
    {
        var scenario = Parse("""
            name: Example
            tags: [a, b]
            vars:
              amount: 100
            steps:
              - call: pam.check_payment
                params: { bank_transaction_id: "${amount}" }
                expect: { error: -32314 }
                save: { code: error.code }
              - otp: { reference: "${code}", save: otp }
              - clock: { advance: 60 }
              - fault: { method: "*", kind: delay, delay_ms: 5 }
              - http: { path: /payform, expect: { status: 404 } }
              - poll: { call: pam.check_payment, until: { result: { status: "2" } }, tries: 3 }
              - control: { method: GET, path: clock, save: { t: body.now } }
              - clock: { set: "${t}" }
            """);

        scenario.Name.Should().Be("Example");
        scenario.Tags.Should().Equal("a", "b");
        scenario.Vars.Should().ContainSingle().Which.Value!.GetValue<long>().Should().Be(100);
        scenario.Steps.Select(s => s.Kind).Should().Equal("call", "otp", "clock", "fault", "http", "poll", "control", "clock");
        scenario.Steps.Select(s => s.Location.Line).Should().Equal(6, 10, 11, 12, 13, 14, 15, 16);
        scenario.Steps[0].Location.Should().Be(new SourceLocation(File, 6, 5));

        var call = scenario.Steps[0].Should().BeOfType<CallStep>().Which;
        call.Request.Params!.ToJsonString().Should().Be("""{"bank_transaction_id":"${amount}"}""");
        call.Expect.ErrorCode.Should().Be(-32314);
        call.Save.Should().ContainKey("code");
        scenario.Steps[5].Should().BeOfType<PollStep>().Which.Tries.Should().Be(3);
    }

    [Fact]
    public void Plain_scalars_are_typed_and_quoted_ones_are_strings()
    {
        var scenario = Parse("""
            name: Types
            steps:
              - call: m
                params: { a: 12, b: "12", c: 1.5, d: true, e: ~, f: 0123, g: 8600490744313347 }
            """);

        var parameters = ((CallStep)scenario.Steps[0]).Request.Params!.ToJsonString();
        parameters.Should().Be("""{"a":12,"b":"12","c":1.5,"d":true,"e":null,"f":"0123","g":8600490744313347}""");
    }

    [Fact]
    public void Malformed_yaml_is_reported_at_its_line()
    {
        var problem = Problems("""
            name: Broken
            steps:
              - call: pam.check_payment
                params: { bank_transaction_id: 1
              - otp: { phone: "1", save: c }
            """).Single();

        problem.Location.Line.Should().BeInRange(4, 5, problem.ToString());
        problem.Message.Should().StartWith("YAML: ");
    }

    [Fact]
    public void An_unknown_step_key_is_reported_with_a_suggestion()
    {
        var problem = Problems("""
            name: Typo
            steps:
              - call: pam.check_payment
                parms: { bank_transaction_id: 1 }
            """).Single();

        problem.Location.Should().Be(new SourceLocation(File, 4, 5));
        problem.Message.Should().Contain("unknown key 'parms'").And.Contain("did you mean 'params'");
    }

    [Fact]
    public void Wrong_types_are_reported_at_the_value()
    {
        var problems = Problems("""
            name: Types
            steps:
              - otp: { phone: 998901112233, save: code }
              - clock: { advance: true }
              - call: m
                expect: { error: abc }
              - poll: { call: m, until: { result: {} }, tries: 0 }
            """);

        problems.Select(p => (p.Location.Line, p.Location.Column)).Should().Equal((3, 19), (4, 23), (6, 22), (7, 52));
        problems[0].Message.Should().Contain("otp.phone must be a string").And.Contain("quote it");
        problems[1].Message.Should().Contain("clock.advance must be an integer or a string");
        problems[2].Message.Should().Contain("must be an integer");
        problems[3].Message.Should().Contain("poll.tries must be between 1 and 1000");
    }

    [Fact]
    public void A_step_is_exactly_one_kind()
    {
        var problems = Problems("""
            name: Kinds
            steps:
              - call: m
                otp: { phone: "1", save: c }
              - name: nothing
            """);

        problems.Should().HaveCount(2);
        problems[0].Message.Should().Contain("has call and otp");
        problems[1].Message.Should().Contain("needs one of call, otp, clock, fault, http, poll, control");
    }

    [Fact]
    public void Variables_must_be_defined_before_they_are_used()
    {
        var problems = Problems("""
            name: Vars
            vars:
              a: ${b}
              b: 1
            steps:
              - call: m
                params: { x: "${later}", y: "${fake.nope}", z: "${now}" }
                save: { later: result.x }
            """);

        problems.Should().HaveCount(3);
        problems[0].Should().Be(problems[0] with { Location = new SourceLocation(File, 3, 6) });
        problems[0].Message.Should().Contain("unknown variable ${b}");
        problems[1].Message.Should().Contain("unknown variable ${later}");
        problems[2].Message.Should().Contain("unknown fake value ${fake.nope}");
    }

    [Fact]
    public void Matchers_and_save_paths_are_checked()
    {
        var problems = Problems("""
            name: Matchers
            steps:
              - call: m
                expect: { result: { a: { $foo: 1 }, b: { $type: int } } }
                save: { v: "result..x" }
            """);

        problems.Select(p => p.Message).Should().Contain(m => m.Contains("unknown matcher $foo"))
            .And.Contain(m => m.Contains("$type takes one of"))
            .And.Contain(m => m.Contains("is not a path"));
    }

    [Fact]
    public void The_top_level_needs_a_name_and_steps()
    {
        Problems("steps: []").Select(p => p.Message).Should().Contain(m => m.Contains("needs name")).And.Contain(m => m.Contains("steps is empty"));
        Problems("").Single().Message.Should().Contain("empty");
        Problems("- a\n- b").Single().Message.Should().Contain("must be a mapping");
        Problems("name: a\nsteps: [{clock: {advance: 1}}]\n---\nname: b").Single().Message.Should().Contain("one scenario per file");
        Problems("name: a\nsteps: [{clock: {advance: 1}}]\nextra: 1").Single().Message.Should().Contain("unknown key 'extra' in the scenario");
    }

    [Fact]
    public void Envelope_fields_fit_together()
    {
        var problems = Problems("""
            name: Envelope
            steps:
              - call: m
                raw: "{}"
                params: {}
              - call: m
                expect: { error: -32300, result: {} }
              - call: m
                expect: { transport: broken }
              - call: m
                auth: sometimes
            """);

        problems.Select(p => p.Message).Should().HaveCount(4)
            .And.Contain(m => m.Contains("raw is the whole request body"))
            .And.Contain(m => m.Contains("both error and result"))
            .And.Contain(m => m.Contains("transport must be malformed"))
            .And.Contain(m => m.Contains("auth must be one of none, stale, wrong"));
    }

    [Fact]
    public void Every_library_file_loads()
    {
        foreach (var file in Engine.ScenarioFinder.Find([RepositoryPaths.Scenarios], out _))
        {
            var scenario = ScenarioLoader.Load(file.Path, file.Display, file.Key);
            scenario.Steps.Should().NotBeEmpty(file.Display);
        }
    }

    [Fact]
    public void Fault_rules_keep_their_fields_for_the_control_api()
    {
        var scenario = Parse("""
            name: Faults
            steps:
              - fault: { method: pam.payment, kind: error, code: -32400, probability: 0.5, times: 2 }
              - fault: { clear: true }
            """);

        var rule = scenario.Steps[0].Should().BeOfType<FaultStep>().Which.Rule;
        JsonNode.DeepEquals(rule, JsonNode.Parse("""{"method":"pam.payment","kind":"error","code":-32400,"probability":0.5,"times":2}""")).Should().BeTrue();
        scenario.Steps[1].Should().BeOfType<FaultStep>().Which.Clear.Should().BeTrue();
    }
}
