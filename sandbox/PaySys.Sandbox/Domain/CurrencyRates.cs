using System.Collections.Frozen;

namespace PaySys.Sandbox.Domain;

/// <summary>
/// The sandbox's exchange rates (UZS per unit of a foreign currency). Conversions round down to whole
/// tiyin, so a converted refund never returns more than was asked for.
/// </summary>
public sealed class CurrencyRates
{
    public const string Sum = "UZS";

    private readonly FrozenDictionary<string, decimal> uzsPerUnit;

    public CurrencyRates(IReadOnlyDictionary<string, decimal> uzsPerUnit)
    {
        this.uzsPerUnit = uzsPerUnit
            .Where(rate => rate.Value > 0)
            .ToFrozenDictionary(rate => rate.Key.ToUpperInvariant(), rate => rate.Value, StringComparer.Ordinal);
    }

    public IEnumerable<string> Currencies => uzsPerUnit.Keys.Prepend(Sum);

    public bool Knows(string currency) => currency == Sum || uzsPerUnit.ContainsKey(currency);

    /// <summary>Minor units (tiyin, cents, kopecks…) of <paramref name="currency"/> in tiyin.</summary>
    public long MinorToTiyin(long minorUnits, string currency) =>
        currency == Sum ? minorUnits : checked((long)decimal.Floor(minorUnits * uzsPerUnit[currency]));

    /// <summary>Whole minor units of <paramref name="currency"/> that <paramref name="tiyin"/> buys.</summary>
    public long TiyinToMinor(long tiyin, string currency) =>
        currency == Sum ? tiyin : (long)decimal.Floor(tiyin / uzsPerUnit[currency]);

    /// <summary>Major units (sum, dollars…) of <paramref name="currency"/> in tiyin.</summary>
    public long MajorToTiyin(decimal majorUnits, string currency) =>
        checked((long)decimal.Floor(majorUnits * 100m * (currency == Sum ? 1m : uzsPerUnit[currency])));
}
