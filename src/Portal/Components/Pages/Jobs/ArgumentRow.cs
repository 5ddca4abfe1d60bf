namespace Lakeport.Portal.Components.Pages.Jobs;

/// <summary>One editable key/value row of an arguments editor.</summary>
public sealed class ArgumentRow
{
    public string Key { get; set; } = "";

    public string Value { get; set; } = "";

    public static List<ArgumentRow> From(IEnumerable<KeyValuePair<string, string>> arguments) =>
        [.. arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new ArgumentRow { Key = a.Key, Value = a.Value })];

    /// <summary>Rows with a key, trimmed; a repeated key keeps its last value, as Glue's map would.</summary>
    public static Dictionary<string, string> ToDictionary(IEnumerable<ArgumentRow> rows)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Key.Trim().Length > 0))
        {
            result[row.Key.Trim()] = row.Value;
        }

        return result;
    }
}
