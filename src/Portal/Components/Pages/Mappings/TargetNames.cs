using System.Globalization;
using System.Text;

namespace Lakeport.Portal.Components.Pages.Mappings;

/// <summary>
/// Target column names the editor proposes. Athena allows lowercase letters, digits and <c>_</c> only, so a name taken
/// from a source column is made safe; the bulk actions only change case style and leave the rest to validation.
/// </summary>
public static class TargetNames
{
    /// <summary>A source column's name lowercased, every character other than <c>a-z</c>, <c>0-9</c> and <c>_</c> turned into <c>_</c>.</summary>
    public static string FromSourceColumn(string column)
    {
        var builder = new StringBuilder(column.Length);
        foreach (var c in column.ToLowerInvariant())
        {
            builder.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? c : '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// camelCase, PascalCase, spaces, hyphens and other punctuation to snake_case (<c>HTTPServerId</c> → <c>http_server_id</c>,
    /// <c>Order Date</c> → <c>order_date</c>). Letters outside ASCII are kept (lowercased): turning them into <c>_</c>
    /// would lose what the name says, and validation reports them when Athena refuses them.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsLetterOrDigit(c))
            {
                AppendSeparator(builder);
                continue;
            }

            if (char.IsUpper(c) && i > 0)
            {
                var previous = name[i - 1];
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                // orderId → order_id; HTTPServer → http_server (the last capital of a run starts the next word).
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    AppendSeparator(builder);
                }
            }

            builder.Append(char.ToLower(c, CultureInfo.InvariantCulture));
        }

        return builder.ToString().Trim('_');
    }

    public static string ToLower(string name) => name.ToLowerInvariant();

    private static void AppendSeparator(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '_')
        {
            builder.Append('_');
        }
    }
}
