using System.Globalization;
using System.Text.Json;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.Callbacks;

/// <summary>
/// The merchant under test: its callback URLs, the secret it signs with, and one unpaid order of its own (the check
/// pays it, so use a fresh order each run). Info, Cancel and Statement are optional: their rows are skipped without a URL.
/// <see cref="Amount"/> is the order's amount in sums, as MERCHANT_TRANS_AMOUNT carries it.
/// </summary>
public sealed record MerchantCheckTarget(
    string PayUrl, string NotifyUrl, string? InfoUrl, string? CancelUrl, string Secret, long VendorId, string OrderId, decimal Amount, TimeSpan Timeout)
{
    /// <summary>The merchant's Statement URL; an init member so the positional constructor callers already use stays as it is.</summary>
    public string? StatementUrl { get; init; }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A record prints every member; this one must never print the secret.</summary>
    public override string ToString() =>
        $"MerchantCheckTarget {{ PayUrl = {PayUrl}, NotifyUrl = {NotifyUrl}, InfoUrl = {InfoUrl}, CancelUrl = {CancelUrl}, StatementUrl = {StatementUrl}, Secret = ****, " +
        $"VendorId = {VendorId.ToString(CultureInfo.InvariantCulture)}, OrderId = {OrderId}, Amount = {Amount.ToString(CultureInfo.InvariantCulture)}, Timeout = {Timeout} }}";
}

public enum MerchantCheckOutcome
{
    /// <summary>The merchant answered a code the documentation expects for the case.</summary>
    Passed,

    /// <summary>Another code, a non-2xx status, a timeout, a refused connection or an answer without ERROR.</summary>
    Failed,

    /// <summary>The documentation gives no code for the case: the answer is reported and never fails the check.</summary>
    Informational,

    /// <summary>Not sent: its URL was not given, or the callback it follows did not succeed.</summary>
    Skipped,
}

/// <summary>One case of the check: what was sent, what the documentation expects and what came back.</summary>
public sealed record MerchantCheckRow(
    string Name, CallbackKind Kind, string Expected, MerchantCheckOutcome Outcome, int? HttpStatus, int? Error, string? ErrorNote, string Message, long LatencyMs);

public sealed record MerchantCheckReport(IReadOnlyList<MerchantCheckRow> Rows)
{
    public const int AllPassed = 0;
    public const int SomeFailed = 1;

    public bool Passed => Rows.All(r => r.Outcome != MerchantCheckOutcome.Failed);

    public int ExitCode => Passed ? AllPassed : SomeFailed;
}

/// <summary>
/// The offline equivalent of the vendor cabinet's "test your API" page: sends the documented Web-kassa callbacks
/// (paysys-callbacks.md) to a merchant's URLs, the good ones and deliberately wrong ones, and checks each answer's ERROR
/// against the documented code. The messages and signatures come from <see cref="CallbackMessages"/>, the HTTP exchange
/// from <see cref="CallbackSender"/>: the merchant sees exactly what the sandbox sends it after a real payment.
/// </summary>
public sealed class MerchantConformanceCheck(TimeProvider time)
{
    // The doc's own examples (PAYMENT_ID 9 is UzCard); the merchant may not care, but they are what it will see.
    private const int PaymentId = 9;
    private const string PaymentName = "uzcard";

    // The Statement periods: an hour either side of the run, and the first day of 1970 for the one with nothing in it.
    private const long StatementSlackMs = 60 * 60 * 1000;
    private const long EmptyPeriodEndMs = 24 * 60 * 60 * 1000;

    public async Task<MerchantCheckReport> RunAsync(MerchantCheckTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var sender = new CallbackSender(time, target.Timeout);
        var rows = new List<MerchantCheckRow>();
        var secret = target.Secret;

        // Right fields, signed with another secret: what a forger without the merchant's secret could send.
        var forged = secret + "#not-the-merchant-secret";
        long SignTime() => time.GetUtcNow().ToUnixTimeMilliseconds();
        var started = SignTime();

        // AGR_TRANS_IDs of this run: distinct from any earlier run's, as a real merchant keeps its books between runs.
        var run = time.GetUtcNow().ToUnixTimeMilliseconds() * 10;
        var amount = Sums(target.Amount);
        var order = new CallbackChain(0, run + 1, target.VendorId, PaymentId, PaymentName, target.OrderId, amount);
        CallbackChain Attempt(long agrTransId, string merchantTransId, string sums) =>
            new(0, agrTransId, target.VendorId, PaymentId, PaymentName, merchantTransId, sums);

        async Task<CallbackAnswer> Check(string name, CallbackMessage message, Expectation expected)
        {
            var (_, answer) = await sender.SendAsync(message, cancellationToken);
            rows.Add(Judge(name, message.Kind, expected, answer));
            return answer;
        }

        void Skip(string name, CallbackKind kind, Expectation expected, string why) =>
            rows.Add(new MerchantCheckRow(name, kind, expected.Text, MerchantCheckOutcome.Skipped, null, null, null, why, 0));

        // ---- Info: no state, so it goes first ----
        if (target.InfoUrl is { } infoUrl)
        {
            await Check("Info, good signature", CallbackMessages.Info(infoUrl, secret, target.OrderId, SignTime()), Expectation.Of(MerchantErrors.Success));
            await Check("Info, bad signature", CallbackMessages.Info(infoUrl, forged, target.OrderId, SignTime()), Expectation.Of(MerchantErrors.SignCheckFailed));
        }
        else
        {
            Skip("Info, good signature", CallbackKind.Info, Expectation.Of(MerchantErrors.Success), "no --info-url");
            Skip("Info, bad signature", CallbackKind.Info, Expectation.Of(MerchantErrors.SignCheckFailed), "no --info-url");
        }

        // ---- Pays the merchant must refuse, sent while the order is still unpaid: then a correct merchant has exactly
        // one reason to refuse each (a wrong amount on a paid order could as well be refused -4), whatever order it
        // checks things in. A merchant that accepts one has paid its order with it: later rows may follow from that. ----
        await Check("Pay, bad signature", CallbackMessages.Pay(target.PayUrl, forged, Attempt(run + 2, target.OrderId, amount), SignTime()),
            Expectation.Of(MerchantErrors.SignCheckFailed));
        await Check("Pay, wrong amount", CallbackMessages.Pay(target.PayUrl, secret, Attempt(run + 3, target.OrderId, Sums(target.Amount + 1)), SignTime()),
            Expectation.Of(MerchantErrors.IncorrectAmount));

        // The doc gives no code for an unknown MERCHANT_TRANS_ID: it is the merchant's order, which public merchants treat
        // as a transaction (-6 transaction does not exist) or as an account (-5 user does not exist). Either passes.
        await Check("Pay, unknown order", CallbackMessages.Pay(target.PayUrl, secret, Attempt(run + 4, $"{target.OrderId}-unknown-{run}", amount), SignTime()),
            Expectation.Of(MerchantErrors.TransactionDoesNotExist, MerchantErrors.UserDoesNotExist));

        // ---- the payment ----
        var pay = await Check("Pay, good signature", CallbackMessages.Pay(target.PayUrl, secret, order, SignTime()), Expectation.Of(MerchantErrors.Success));
        var paid = pay.Succeeded;
        order.VendorTransId = pay.VendorTransId;
        const string notPaid = "not sent: the good Pay did not succeed";

        // A Pay repeated with the same AGR_TRANS_ID: the doc's list names -4 "already paid", and it says public merchants
        // answer -4 for a repeat. The doc nowhere says a repeat may be answered 0, so only -4 passes.
        var repeat = Expectation.Of(MerchantErrors.AlreadyPaid);
        if (paid)
        {
            await Check("Pay, repeated AGR_TRANS_ID", CallbackMessages.Pay(target.PayUrl, secret, order, SignTime()), repeat);
            await Check("Notify 2 (paid), after the Pay", CallbackMessages.Notify(target.NotifyUrl, secret, order, CallbackMessages.Paid, SignTime()),
                Expectation.Of(MerchantErrors.Success));
        }
        else
        {
            Skip("Pay, repeated AGR_TRANS_ID", CallbackKind.Pay, repeat, notPaid);
            Skip("Notify 2 (paid), after the Pay", CallbackKind.Notify, Expectation.Of(MerchantErrors.Success), notPaid);
        }

        var stranger = Attempt(run + 5, target.OrderId, amount);
        stranger.VendorTransId = $"unknown-{run}";
        await Check("Notify, unknown transaction", CallbackMessages.Notify(target.NotifyUrl, secret, stranger, CallbackMessages.Paid, SignTime()),
            Expectation.Of(MerchantErrors.TransactionDoesNotExist));

        // ---- the cancellation, and what the merchant says about the cancelled transaction afterwards ----
        var cancelled = Expectation.Of(MerchantErrors.TransactionCancelled);
        string? notCancelled = target.CancelUrl is null ? "no --cancel-url" : paid ? null : notPaid;
        if (target.CancelUrl is { } cancelUrl && notCancelled is null)
        {
            var cancel = await Check("Cancel of the paid transaction", CallbackMessages.Cancel(cancelUrl, secret, order, SignTime()), Expectation.Of(MerchantErrors.Success));
            notCancelled = cancel.Succeeded ? null : "not sent: the Cancel did not succeed";
        }
        else
        {
            Skip("Cancel of the paid transaction", CallbackKind.Cancel, Expectation.Of(MerchantErrors.Success), notCancelled!);
        }

        if (notCancelled is null)
        {
            await Check("Pay, the cancelled transaction", CallbackMessages.Pay(target.PayUrl, secret, order, SignTime()), cancelled);
            await Check("Notify 2 (paid), the cancelled transaction", CallbackMessages.Notify(target.NotifyUrl, secret, order, CallbackMessages.Paid, SignTime()), cancelled);
        }
        else
        {
            Skip("Pay, the cancelled transaction", CallbackKind.Pay, cancelled, notCancelled);
            Skip("Notify 2 (paid), the cancelled transaction", CallbackKind.Notify, cancelled, notCancelled);
        }

        // ---- the Statement, last: it then sees the order's final state, so one row checks what the merchant's books say
        // after everything above. The doc gives STATE no values; the sandbox expects Notify's STATUS codes ("2" paid,
        // "3" cancelled), the only state codes the protocol has. ----
        var statementRows = new[] { "Statement, period with the order", "Statement, bad signature", "Statement, empty period" };
        if (target.StatementUrl is { } statementUrl)
        {
            // The slack tolerates a merchant whose clock is off from the sandbox's.
            var (from, to) = (started - StatementSlackMs, SignTime() + StatementSlackMs);
            if (paid)
            {
                var state = notCancelled is null ? CallbackMessages.Cancelled : CallbackMessages.Paid;
                var statement = CallbackMessages.Statement(statementUrl, secret, from, to, SignTime());
                var (_, answer) = await sender.SendAsync(statement, cancellationToken);
                rows.Add(JudgeStatement(statementRows[0], answer, transactions => Contains(transactions, order.AgrTransId, target.OrderId, target.Amount, state)));
            }
            else
            {
                Skip(statementRows[0], CallbackKind.Statement, Expectation.Of(MerchantErrors.Success), notPaid);
            }

            await Check(statementRows[1], CallbackMessages.Statement(statementUrl, forged, from, to, SignTime()), Expectation.Of(MerchantErrors.SignCheckFailed));

            // The first day of 1970: no merchant has a transaction there, whatever earlier runs left in its books.
            var (_, empty) = await sender.SendAsync(CallbackMessages.Statement(statementUrl, secret, 0, EmptyPeriodEndMs, SignTime()), cancellationToken);
            rows.Add(JudgeStatement(statementRows[2], empty, transactions =>
                transactions.GetArrayLength() == 0 ? null : $"TRANSACTIONS has {transactions.GetArrayLength().ToString(CultureInfo.InvariantCulture)} entries for a period with none"));
        }
        else
        {
            Skip(statementRows[0], CallbackKind.Statement, Expectation.Of(MerchantErrors.Success), "no --statement-url");
            Skip(statementRows[1], CallbackKind.Statement, Expectation.Of(MerchantErrors.SignCheckFailed), "no --statement-url");
            Skip(statementRows[2], CallbackKind.Statement, Expectation.Of(MerchantErrors.Success), "no --statement-url");
        }

        return new MerchantCheckReport(rows);
    }

    /// <summary>ERROR 0 as any row, then what <paramref name="check"/> says of the TRANSACTIONS array (null when it is right).</summary>
    private static MerchantCheckRow JudgeStatement(string name, CallbackAnswer answer, Func<JsonElement, string?> check)
    {
        var row = Judge(name, CallbackKind.Statement, Expectation.Of(MerchantErrors.Success), answer);
        if (row.Outcome != MerchantCheckOutcome.Passed)
        {
            return row;
        }

        // JsonDocument, not a serializer: no reflection, and the merchant's extra fields do not matter.
        using var document = JsonDocument.Parse(answer.Body!);
        var problem = document.RootElement.TryGetProperty("TRANSACTIONS", out var transactions) && transactions.ValueKind == JsonValueKind.Array
            ? check(transactions)
            : "the answer has no TRANSACTIONS array";
        return problem is null ? row : row with { Outcome = MerchantCheckOutcome.Failed, Message = problem };
    }

    /// <summary>Null when TRANSACTIONS holds the order under its AGR_TRANS_ID with the amount and state; else what is wrong.</summary>
    private static string? Contains(JsonElement transactions, long agrTransId, string merchantTransId, decimal amount, string state)
    {
        var agr = agrTransId.ToString(CultureInfo.InvariantCulture);
        foreach (var entry in transactions.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || Text(entry, "AGR_TRANS_ID") != agr)
            {
                continue;
            }

            if (Text(entry, "MERCHANT_TRANS_ID") != merchantTransId)
            {
                return $"AGR_TRANS_ID {agr} has MERCHANT_TRANS_ID {Text(entry, "MERCHANT_TRANS_ID")}, not {merchantTransId}";
            }

            if (!decimal.TryParse(Text(entry, "MERCHANT_TRANS_AMOUNT"), NumberStyles.Number, CultureInfo.InvariantCulture, out var sums) || sums != amount)
            {
                return $"AGR_TRANS_ID {agr} has MERCHANT_TRANS_AMOUNT {Text(entry, "MERCHANT_TRANS_AMOUNT")}, not {amount.ToString(CultureInfo.InvariantCulture)}";
            }

            return Text(entry, "STATE") == state ? null : $"AGR_TRANS_ID {agr} has STATE {Text(entry, "STATE")}, not {state}";
        }

        return $"TRANSACTIONS has no entry with AGR_TRANS_ID {agr}";
    }

    /// <summary>A field's text whether the merchant sent a string or a number (as SIGN_STRING treats both).</summary>
    private static string? Text(JsonElement entry, string name) => entry.TryGetProperty(name, out var value) ? value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    } : null;

    /// <summary>The amount as MERCHANT_TRANS_AMOUNT carries it, by the sandbox's one rule (<see cref="CallbackMessages.Sums"/>).</summary>
    private static string Sums(decimal sums) => CallbackMessages.Sums((long)decimal.Round(sums * 100));

    private static MerchantCheckRow Judge(string name, CallbackKind kind, Expectation expected, CallbackAnswer answer)
    {
        MerchantCheckRow Row(MerchantCheckOutcome outcome, string message) =>
            new(name, kind, expected.Text, outcome, answer.HttpStatus, answer.Error, answer.ErrorNote, message, answer.LatencyMs);

        // Transport failures fail even an informational row: the merchant did not answer at all.
        if (answer.Failure is { } failure)
        {
            return Row(MerchantCheckOutcome.Failed, failure);
        }

        if (answer.HttpStatus is not (>= 200 and < 300))
        {
            return Row(MerchantCheckOutcome.Failed, $"HTTP {answer.HttpStatus}: the answer must be 2xx with ERROR");
        }

        if (answer.Error is not { } error)
        {
            return Row(MerchantCheckOutcome.Failed, "the answer has no ERROR (a JSON object with ERROR, a number)");
        }

        var got = $"ERROR {Code(error)}";
        if (expected.Informational)
        {
            return Row(MerchantCheckOutcome.Informational, $"{got}; the documentation gives no code for this case");
        }

        return expected.Codes.Contains(error)
            ? Row(MerchantCheckOutcome.Passed, got)
            : Row(MerchantCheckOutcome.Failed, $"expected {expected.Text}, got {got}");
    }

    private static string Code(int code) => $"{code.ToString(CultureInfo.InvariantCulture)} ({MerchantErrors.Describe(code)})";

    /// <summary>The codes a case accepts (empty and <see cref="Informational"/> when the doc gives none).</summary>
    private sealed record Expectation(IReadOnlyList<int> Codes, bool Informational)
    {
        public string Text => Informational ? "informational" : string.Join(" or ", Codes.Select(Code));

        public static Expectation Of(params int[] codes) => new(codes, Informational: false);
    }
}
