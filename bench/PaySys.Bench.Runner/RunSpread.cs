using System.Globalization;

namespace PaySys.Bench.Runner;

/// <summary>Figures measured over several runs: the median reported, and the spread (lowest–highest) beside it.</summary>
public static class RunSpread
{
    public static double Median(IReadOnlyList<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>"median (lowest–highest)", each number in <paramref name="format"/>.</summary>
    public static string Of(IReadOnlyList<double> values, string format = "0")
    {
        var sorted = values.Order().ToList();
        return string.Format(CultureInfo.InvariantCulture, $"{{0:{format}}} ({{1:{format}}}–{{2:{format}}})", sorted[sorted.Count / 2], sorted[0], sorted[^1]);
    }
}
