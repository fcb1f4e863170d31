using System.Text;
using PaySys.Sandbox.Domain;

namespace PaySys.Sandbox.WebConsole;

/// <summary>The tenant's magic-card catalogue with its live balances and holds, and the cards registered against it (masked).</summary>
public static class CardsPage
{
    public static IResult Show(ConsoleRequest console)
    {
        var tenant = console.Tenant;
        var body = tenant.Run(_ =>
        {
            var html = new StringBuilder("""
                <h1>Cards</h1>
                <p class="muted">The magic-card catalogue of this tenant: balances and holds as they are now (tiyin shown as UZS).</p>
                <div class="scroll"><table data-testid="catalogue">
                <thead><tr><th>Card</th><th>Expiry</th><th>Phone</th><th class="hide-narrow">Holder</th><th>Behaviour</th><th>Balance</th><th>Held</th><th class="hide-narrow">Description</th></tr></thead><tbody>
                """);
            foreach (var card in tenant.State.Cards.Accounts)
            {
                html.Append($"""
                    <tr><td class="num">{ConsoleLayout.Encode(card.MaskedPan)}</td><td>{ConsoleLayout.Encode(card.Spec.Expiry)}</td>
                    <td class="num">{ConsoleLayout.Encode(card.Phone)}</td><td class="hide-narrow">{ConsoleLayout.Encode(card.Spec.Holder)}</td>
                    <td>{ConsoleLayout.Encode(CardBehaviours.Name(card.Behaviour))}</td>
                    <td class="num">{ConsoleLayout.Sum(card.Balance)}</td><td class="num">{ConsoleLayout.Sum(card.Held)}</td>
                    <td class="hide-narrow">{ConsoleLayout.Encode(card.Spec.Description)}</td></tr>
                    """);
            }

            html.Append("""
                </tbody></table></div>
                <h2>Registered cards</h2>
                <div class="scroll"><table data-testid="registered">
                <thead><tr><th>Card id</th><th>Card</th><th>Confirmed</th><th>Token</th><th>Phone sent</th><th>Code pending</th></tr></thead><tbody>
                """);
            var any = false;
            foreach (var card in tenant.State.Cards.Registered)
            {
                any = true;
                html.Append($"""
                    <tr><td class="num">{ConsoleLayout.Encode(card.CardId)}</td><td class="num">{ConsoleLayout.Encode(card.Account.MaskedPan)}</td>
                    <td>{(card.Confirmed ? "yes" : "no")}</td>
                    <td class="num">{(card.Token is null ? "—" : ConsoleLayout.Encode(CardMasking.MaskToken(card.Token)))}</td>
                    <td class="num">{ConsoleLayout.Encode(card.RegisteredPhone ?? "—")}</td>
                    <td>{(card.PendingOtp is null ? "no" : "yes")}</td></tr>
                    """);
            }

            if (!any)
            {
                html.Append("""<tr><td colspan="6" class="muted">No card registered yet (paysys.card_registration).</td></tr>""");
            }

            html.Append("</tbody></table></div>");
            return html.ToString();
        });
        return ConsoleLayout.Page(console, "/cards", "Cards", body);
    }
}
