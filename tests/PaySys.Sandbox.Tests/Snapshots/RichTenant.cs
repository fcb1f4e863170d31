using System.Net;
using System.Net.Sockets;
using PaySys.Client.Sandbox;
using PaySys.Sandbox.Tests.Callbacks;
using PaySys.Sandbox.Tests.Hardening;

namespace PaySys.Sandbox.Tests.Snapshots;

/// <summary>
/// A tenant that holds one of everything a snapshot can carry, built with ordinary calls: an added card with every
/// field, a registered card with its token and one awaiting its code, completed, reversed, held, refunded and
/// awaiting payments, invoices (one paid on the pay page, one cancelled by the shopper, one open), payouts, the SMS
/// outbox, gateway and callback fault rules of every shape, every callback URL, delivered, failed and pending
/// deliveries, a blocked vendor and switched fidelity rules.
/// </summary>
public static class RichTenant
{
    public static async Task Build(GatewayClient gateway, MerchantReceiver merchant)
    {
        await gateway.Control(HttpMethod.Post, "cards", new
        {
            pan = "8600123412341234",
            expiry = "3012",
            phone = "998901234567",
            holder = "SNAPSHOT HOLDER",
            balance = 5_000_000,
            behaviour = "success",
            description = "added for the snapshot schema",
            username = "snapshot",
            card_status = 1,
        });

        var fixtures = await Fixtures.Seed(gateway);
        await gateway.Ok("paysys.get_fiscal_cheque", new { transaction_id = fixtures.CompletedTid, type = "payment" });
        await gateway.Ok("pam.pay_by_cash", new { vendor_form = new { account = "998901112244", amount = 2_000, vendor_id = Cards.VendorId, wallet = "click" } });
        await gateway.Ok("paysys.card_registration", new { phone_number = Cards.HumoPhone, card_number = Cards.HumoPan, card_expire = MagicCards.Humo.Expiry });
        await gateway.Ok("pam.prepare_payment", new
        {
            card_number = "8600123412341234",
            card_expire = "3012",
            phone_number = "998901234567",
            amount = 4_000,
            vendor_id = Cards.VendorId,
            product = "awaiting-code",
            comment = "left awaiting its code",
            save = true,
        });

        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.payment", kind = "error", code = -32400, times = 3 });
        await gateway.Control(HttpMethod.Post, "faults", new { method = "paysys.payment_info", kind = "delay", delay_ms = 1_500, probability = 0.5 });
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "http_status", http_status = 503, times = 1 });
        await gateway.Control(HttpMethod.Delete, "faults/f3");
        await gateway.Control(HttpMethod.Post, "faults", new { method = "pam.check_payment", kind = "http_status", http_status = 502, times = 2 });

        await gateway.Control(HttpMethod.Put, "callbacks", new
        {
            info_url = merchant.Url("info"),
            pay_url = merchant.Url("pay"),
            notify_url = $"http://127.0.0.1:{ClosedPort()}/notify",
            cancel_url = merchant.Url("cancel"),
            statement_url = merchant.Url("statement"),
            secret = "snapshot-callback-secret",
        });
        var paid = await Invoice(gateway, "order-paid", 1_000.5m);
        var cancelled = await Invoice(gateway, "order-cancelled", 250m);
        await Invoice(gateway, "order-open", 75m);
        await gateway.Control(HttpMethod.Post, $"invoices/{paid}/simulate", new { outcome = "paid" });
        await gateway.Control(HttpMethod.Post, $"invoices/{cancelled}/simulate", new { outcome = "cancelled" });

        // After the invoices: a drop rule for Notify would leave no Notify delivery to keep.
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "pay", kind = "delay", delay_ms = 90_000, times = 2 });
        await gateway.Control(HttpMethod.Post, "callbacks/faults", new { callback = "*", kind = "wrong_signature", probability = 0.25 });

        await gateway.Control(HttpMethod.Post, $"vendors/{Cards.VendorId}", new { blocked = true });
        await gateway.Control(HttpMethod.Put, "fidelity", new { reversal_window_days = 3, refuse_repeated_order_id = true });
        await gateway.AdvanceClock(5);
    }

    private static async Task<long> Invoice(GatewayClient gateway, string orderId, decimal amount) =>
        (await gateway.Ok("paysys.invoice_create", new
        {
            order_id = orderId,
            vendor_id = Cards.VendorId,
            payment_id = -1,
            currency = "UZS",
            amount,
            order_note = "Order " + orderId,
        }))["id"]!.GetValue<long>();

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

}
