using PaySys.Scenarios.Engine.Masking;

namespace PaySys.Scenarios.Engine;

/// <summary>
/// Masks card data in the runner's log lines and failures by the sandbox's own rule (<see cref="CardMasking"/>),
/// so a report never shows more of a card than the sandbox itself would: 860049******3347, tokens cut to 4 characters.
/// </summary>
internal static class PanMask
{
    public static string Apply(string text) => CardMasking.MaskSecrets(text);
}
