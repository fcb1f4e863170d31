using System.Globalization;
using System.Net;

namespace PaySys.Sandbox.Tests;

/// <summary>SPEC §2: every merchant is an isolated tenant; open-tenants mode creates one per service_id.</summary>
public sealed class TenantTests
{
    private const string SharedSecret = "ci-shared-secret";
    private const long InitialBalance = 1_000_000_000;

    /// <summary>Two tenants A and B: configured merchants 1 and 77, or two open tenants.</summary>
    private sealed class TwoTenants : IDisposable
    {
        public TwoTenants(bool open)
        {
            Sandbox = open
                ? SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
                {
                    ["Sandbox:OpenTenants"] = "true",
                    ["Sandbox:OpenTenantsSecret"] = SharedSecret,
                })
                : SandboxFactory.WithFixedOtp(new Dictionary<string, string?>
                {
                    ["Sandbox:Merchants:0:ServiceId"] = "1",
                    ["Sandbox:Merchants:0:SecretKey"] = "sandbox-secret",
                    ["Sandbox:Merchants:1:ServiceId"] = "77",
                    ["Sandbox:Merchants:1:SecretKey"] = "other",
                });
            A = open ? Sandbox.CreateGateway("ci_job_a", SharedSecret) : Sandbox.CreateGateway("1", "sandbox-secret");
            B = open ? Sandbox.CreateGateway("ci_job_b", SharedSecret) : Sandbox.CreateGateway("77", "other");
        }

        public SandboxFactory Sandbox { get; }

        public GatewayClient A { get; }

        public GatewayClient B { get; }

        public void Dispose() => Sandbox.Dispose();
    }

    // ---- open tenants ----

    [Fact]
    public async Task Open_tenants_create_a_tenant_per_service_id_on_first_use_with_the_shared_secret()
    {
        using var tenants = new TwoTenants(open: true);

        var cardId = await Register(tenants.A);
        var sms = await tenants.A.Control(HttpMethod.Get, "sms");

        cardId.Should().MatchRegex("^[0-9A-F]{34}$");
        sms["messages"]!.AsArray().Should().ContainSingle().Which!["reference"]!.GetValue<string>().Should().Be(cardId);
    }

    [Fact]
    public async Task Open_tenants_reject_a_wrong_secret()
    {
        using var tenants = new TwoTenants(open: true);
        var wrong = tenants.Sandbox.CreateGateway("ci_job_c", "not-the-shared-secret");

        await wrong.Error("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone), -32504);
    }

    [Fact]
    public async Task Open_tenants_keep_a_configured_merchants_own_secret()
    {
        using var tenants = new TwoTenants(open: true);
        var defaultWithShared = tenants.Sandbox.CreateGateway("1", SharedSecret);
        var defaultWithOwn = tenants.Sandbox.CreateGateway("1", "sandbox-secret");

        await defaultWithShared.Error("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone), -32504);
        (await Register(defaultWithOwn)).Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Fact]
    public async Task Without_open_tenants_an_unknown_service_id_is_insufficient_privileges()
    {
        using var sandbox = SandboxFactory.WithFixedOtp();
        var stranger = sandbox.CreateGateway("ci_job_a", "sandbox-secret");

        var error = await stranger.Error("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone), -32504);

        error["message"]!.GetValue<string>().Should().Contain("ci_job_a");
        (await stranger.ControlRaw(HttpMethod.Get, "clock")).Status.Should().Be(HttpStatusCode.NotFound);
    }

    // ---- isolation (configured merchants and open tenants alike) ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_transaction_of_tenant_a_is_not_found_in_tenant_b(bool open)
    {
        using var tenants = new TwoTenants(open);
        var held = await Pay(tenants.A, hold: true);
        var awaiting = await tenants.A.Ok("pam.prepare_payment", PaymentParams(Cards.UzcardPan, Cards.UzcardPhone, 20_000));
        var awaitingId = awaiting["bank_transaction_id"]!.GetValue<long>();

        var check = await tenants.B.Error("pam.check_payment", new { bank_transaction_id = held.BankTransactionId }, -32314);
        var confirm = await tenants.B.Error("pam.confirm_payment", new { bank_transaction_id = awaitingId, confirmation_code = Cards.FixedOtp }, -32314);
        var accept = await tenants.B.Error("hold.confirm", new { bank_transaction_id = held.BankTransactionId, status = "accept" }, -32314);
        var reverse = await tenants.B.Error("transaction.reverse", new { transaction_id = held.TransactionId }, -32314);

        check["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        confirm["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        accept["data"]!["param"]!.GetValue<string>().Should().Be("bank_transaction_id");
        reverse["data"]!["param"]!.GetValue<string>().Should().Be("transaction_id");

        // B's attempts changed nothing in A: the hold is still held and the OTP still confirms A's payment.
        (await tenants.A.Ok("pam.check_payment", new { bank_transaction_id = held.BankTransactionId }))["status"]!.GetValue<string>().Should().Be("7");
        (await tenants.A.Held(Cards.UzcardPan)).Should().Be(10_000);
        var paid = await tenants.A.Ok("pam.confirm_payment", new { bank_transaction_id = awaitingId, confirmation_code = Cards.FixedOtp });
        paid["details"]!["amount"]!.GetValue<long>().Should().Be(20_000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_card_registered_in_tenant_a_is_not_registered_in_tenant_b(bool open)
    {
        using var tenants = new TwoTenants(open);
        var cardId = await Register(tenants.A);

        var confirm = await tenants.B.Error("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }, -32301);
        var prepare = await tenants.B.Error("pam.prepare_payment", new
        {
            card_id = cardId,
            phone_number = Cards.UzcardPhone,
            amount = 10_000,
            vendor_id = Cards.VendorId,
            product = "order-b",
        }, -32301);

        confirm["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
        prepare["data"]!["param"]!.GetValue<string>().Should().Be("card_id");
        (await tenants.A.Ok("paysys.card_confirm", new { card_id = cardId, confirmation_code = Cards.FixedOtp }))["card_token"]!
            .GetValue<string>().Should().NotBeNullOrEmpty("A's registration is untouched by B's attempt");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tenant_b_sees_none_of_tenant_a_sms_transactions_or_journal(bool open)
    {
        using var tenants = new TwoTenants(open);
        await Register(tenants.A);
        var payment = await Pay(tenants.A);

        var aSms = (await tenants.A.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray();
        var aTransactions = (await tenants.A.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();
        var aJournal = (await tenants.A.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();
        var bSms = (await tenants.B.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray();
        var bSmsToTheSamePhone = (await tenants.B.Control(HttpMethod.Get, $"sms?phone={Cards.UzcardPhone}"))["messages"]!.AsArray();
        var bTransactions = (await tenants.B.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray();
        var bJournal = (await tenants.B.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray();

        aSms.Should().HaveCount(2, "A registered a card and prepared a payment");
        aTransactions.Should().ContainSingle().Which!["bank_transaction_id"]!.GetValue<long>().Should().Be(payment.BankTransactionId);
        aJournal.Should().HaveCount(3, "A made three gateway calls");
        bSms.Should().BeEmpty();
        bSmsToTheSamePhone.Should().BeEmpty();
        bTransactions.Should().BeEmpty();
        bJournal.Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tenant_b_card_balances_are_untouched_by_tenant_a_payments(bool open)
    {
        using var tenants = new TwoTenants(open);

        await Pay(tenants.A, amount: 250_000);
        await Pay(tenants.A, amount: 40_000, hold: true);

        (await tenants.A.Balance(Cards.UzcardPan)).Should().Be(InitialBalance - 290_000);
        (await tenants.A.Held(Cards.UzcardPan)).Should().Be(40_000);
        (await tenants.B.Balance(Cards.UzcardPan)).Should().Be(InitialBalance);
        (await tenants.B.Held(Cards.UzcardPan)).Should().Be(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_card_added_to_tenant_a_catalogue_is_unknown_in_tenant_b(bool open)
    {
        using var tenants = new TwoTenants(open);
        await tenants.A.Control(HttpMethod.Post, "cards", new
        {
            pan = "8600999988887777",
            expiry = "3012",
            phone = "998909998877",
            holder = "ONLY IN A",
            balance = 5_000,
            behaviour = "success",
        });

        var inB = await tenants.B.Error("paysys.card_registration", RegistrationParams("8600999988887777", "998909998877"), -32302);
        var inA = await tenants.A.Ok("paysys.card_registration", RegistrationParams("8600999988887777", "998909998877"));

        inB["data"]!["param"]!.GetValue<string>().Should().Be("card_number");
        inA["id"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{34}$");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tenant_b_clock_is_unaffected_by_tenant_a_clock(bool open)
    {
        using var tenants = new TwoTenants(open);
        var realNow = SandboxFactory.Start.ToUnixTimeSeconds();

        var a = await tenants.A.AdvanceClock(3_600);
        var b = await tenants.B.Control(HttpMethod.Get, "clock");

        a["offset_seconds"]!.GetValue<long>().Should().Be(3_600);
        a["now"]!.GetValue<long>().Should().Be(realNow + 3_600);
        b["offset_seconds"]!.GetValue<long>().Should().Be(0);
        b["now"]!.GetValue<long>().Should().Be(realNow);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tenant_a_clock_does_not_expire_tenant_b_otp(bool open)
    {
        using var tenants = new TwoTenants(open);
        var prepared = await tenants.B.Ok("pam.prepare_payment", PaymentParams(Cards.UzcardPan, Cards.UzcardPhone, 10_000));
        var bankTransactionId = prepared["bank_transaction_id"]!.GetValue<long>();

        await tenants.A.AdvanceClock(3_600);
        var paid = await tenants.B.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });

        paid["details"]!["bank_transaction_id"]!.GetValue<string>().Should().Be(bankTransactionId.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reset_of_tenant_a_does_not_touch_tenant_b(bool open)
    {
        using var tenants = new TwoTenants(open);
        var bCard = await Register(tenants.B);
        await tenants.B.Ok("paysys.card_confirm", new { card_id = bCard, confirmation_code = Cards.FixedOtp });
        var bPayment = await Pay(tenants.B, amount: 70_000);
        await tenants.B.AdvanceClock(600);
        await Pay(tenants.A, amount: 30_000);
        var bJournalBefore = (await tenants.B.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray().Count;

        await tenants.A.Control(HttpMethod.Post, "reset");

        (await tenants.A.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray().Should().BeEmpty();
        (await tenants.A.Balance(Cards.UzcardPan)).Should().Be(InitialBalance);
        (await tenants.B.Control(HttpMethod.Get, "transactions"))["transactions"]!.AsArray()
            .Should().ContainSingle().Which!["bank_transaction_id"]!.GetValue<long>().Should().Be(bPayment.BankTransactionId);
        (await tenants.B.Balance(Cards.UzcardPan)).Should().Be(InitialBalance - 70_000);
        (await tenants.B.Control(HttpMethod.Get, "sms"))["messages"]!.AsArray().Should().HaveCount(2);
        (await tenants.B.Control(HttpMethod.Get, "journal"))["entries"]!.AsArray().Should().HaveCount(bJournalBefore);
        (await tenants.B.Control(HttpMethod.Get, "clock"))["offset_seconds"]!.GetValue<long>().Should().Be(600);
        var again = await tenants.B.Ok("pam.prepare_payment", new
        {
            card_id = bCard,
            phone_number = Cards.UzcardPhone,
            amount = 10_000,
            vendor_id = Cards.VendorId,
            product = "after-reset-of-a",
        });
        again["bank_transaction_id"]!.GetValue<long>().Should().BeGreaterThan(bPayment.BankTransactionId);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Blocking_tenant_a_service_does_not_block_tenant_b(bool open)
    {
        using var tenants = new TwoTenants(open);

        await tenants.A.Control(HttpMethod.Post, "service", new { blocked = true });

        await tenants.A.Error("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone), -32315);
        (await Register(tenants.B)).Should().MatchRegex("^[0-9A-F]{34}$");
    }

    // ---- helpers ----

    private sealed record PaymentIds(long BankTransactionId, long TransactionId);

    private static object RegistrationParams(string pan, string phone) => new
    {
        phone_number = phone,
        card_number = pan,
        card_expire = Cards.UzcardExpiry,
    };

    private static object PaymentParams(string pan, string phone, long amount, bool hold = false) => new
    {
        card_number = pan,
        card_expire = Cards.UzcardExpiry,
        phone_number = phone,
        amount,
        vendor_id = Cards.VendorId,
        product = "order-tenant",
        hold,
    };

    private static async Task<string> Register(GatewayClient gateway)
    {
        var card = await gateway.Ok("paysys.card_registration", RegistrationParams(Cards.UzcardPan, Cards.UzcardPhone));
        return card["id"]!.GetValue<string>();
    }

    /// <summary>Pays (or holds) with the UzCard success card by card number and OTP.</summary>
    private static async Task<PaymentIds> Pay(GatewayClient gateway, long amount = 10_000, bool hold = false)
    {
        var prepared = await gateway.Ok("pam.prepare_payment", PaymentParams(Cards.UzcardPan, Cards.UzcardPhone, amount, hold));
        var bankTransactionId = prepared["bank_transaction_id"]!.GetValue<long>();
        var paid = await gateway.Ok("pam.confirm_payment", new { bank_transaction_id = bankTransactionId, confirmation_code = Cards.FixedOtp });
        var transactionId = long.Parse(paid["details"]!["transaction_id"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return new PaymentIds(bankTransactionId, transactionId);
    }
}
