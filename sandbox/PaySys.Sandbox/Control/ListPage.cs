using System.Globalization;
using System.Reflection;

namespace PaySys.Sandbox.Control;

/// <summary>
/// Which part of a list a control route answers: <c>?limit=</c> items (default <see cref="DefaultLimit"/>, at most
/// <see cref="MaxLimit"/>) from <c>?offset=</c> (default 0), in the list's own order (oldest first). A list that goes on
/// says where with <c>"next_offset"</c>; the last page has none, so a caller that reads one page without parameters
/// gets what it always got while a tenant holds no more than the default. A bad value is a 400 naming the parameter
/// (the control group's filter answers it).
/// </summary>
public sealed class ListPage
{
    public const int DefaultLimit = 1000;

    public const int MaxLimit = 10_000;

    private ListPage(int limit, int offset, string? problem)
    {
        Limit = limit;
        Offset = offset;
        Problem = problem;
    }

    public static ListPage First { get; } = new(DefaultLimit, 0, null);

    public int Limit { get; }

    public int Offset { get; }

    /// <summary>Why the query is no page, or null.</summary>
    public string? Problem { get; }

    public static ValueTask<ListPage?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        _ = parameter;
        var query = context.Request.Query;
        var badLimit = Read(query, "limit", 1, MaxLimit, DefaultLimit, out var limit);
        var badOffset = Read(query, "offset", 0, int.MaxValue, 0, out var offset);
        var problem = badLimit ?? badOffset;
        return ValueTask.FromResult<ListPage?>(problem is null ? new ListPage(limit, offset, null) : new ListPage(DefaultLimit, 0, problem));
    }

    /// <summary>This page of <paramref name="items"/> and the offset of the next one, null on the last page.</summary>
    public (IEnumerable<T> Items, int? NextOffset) Of<T>(IReadOnlyCollection<T> items)
    {
        var end = (long)Offset + Limit;
        return (items.Skip(Offset).Take(Limit), end < items.Count ? (int)end : null);
    }

    private static string? Read(IQueryCollection query, string name, int min, int max, int fallback, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var given))
        {
            return null;
        }

        return given.Count == 1 && int.TryParse(given[0], NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : $"{name} must be one whole number from {min} to {max}";
    }
}
