using System.Diagnostics.CodeAnalysis;
using System.Text;
using Lakeport.Services.Catalog;

namespace Lakeport.Services.Mapping;

/// <summary>
/// Glue's source path: fields joined by dots (<c>address.city</c>), a name holding a dot in backticks (<c>`a.b`</c>,
/// a literal backtick doubled), <c>[]</c> after a field to step into its array's elements (<c>items[].sku</c>).
/// </summary>
public sealed record SourcePath(IReadOnlyList<SourcePath.Segment> Segments)
{
    /// <param name="ArrayDepth">How many <c>[]</c> follow the name.</param>
    public sealed record Segment(string Name, int ArrayDepth);

    public string Column => Segments[0].Name;

    public static bool TryParse(string? text, [NotNullWhen(true)] out SourcePath? path, [NotNullWhen(false)] out string? error)
    {
        path = null;
        text ??= "";
        var segments = new List<Segment>();
        var i = 0;
        while (true)
        {
            var name = new StringBuilder();
            if (i < text.Length && text[i] == '`')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        error = "a backtick is not closed";
                        return false;
                    }

                    if (text[i] == '`')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '`')
                        {
                            name.Append('`');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    name.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not ('.' or '[' or '`'))
                {
                    name.Append(text[i++]);
                }
            }

            if (name.Length == 0)
            {
                error = $"an empty field name at position {i + 1}";
                return false;
            }

            var depth = 0;
            while (i + 1 < text.Length && text[i] == '[' && text[i + 1] == ']')
            {
                depth++;
                i += 2;
            }

            segments.Add(new Segment(name.ToString(), depth));
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != '.')
            {
                error = $"unexpected '{text[i]}' at position {i + 1} (fields are joined by '.', names with dots go in backticks)";
                return false;
            }

            i++;
        }

        path = new SourcePath(segments);
        error = null;
        return true;
    }

    /// <summary>
    /// The type the path reaches in the table's columns (partition keys included), or null with the reason: which
    /// field is missing, or which step is not a struct or array.
    /// </summary>
    public GlueType? Resolve(IReadOnlyList<CatalogColumn> columns, out string? problem)
    {
        var column = columns.FirstOrDefault(c => string.Equals(c.Name, Column, StringComparison.OrdinalIgnoreCase));
        if (column is null)
        {
            problem = $"the source table has no column '{Column}'";
            return null;
        }

        if (!GlueType.TryParse(column.Type, out var type, out var typeError))
        {
            problem = $"the catalog's type of '{column.Name}' ('{column.Type}') cannot be read: {typeError}";
            return null;
        }

        for (var s = 0; s < Segments.Count; s++)
        {
            var segment = Segments[s];
            if (s > 0)
            {
                var field = type.Name == "struct" ? type.Field(segment.Name) : null;
                if (field is null)
                {
                    problem = type.Name == "struct"
                        ? $"'{Prefix(s)}' has no field '{segment.Name}'"
                        : $"'{Prefix(s)}' is {type}, not a struct, so it has no field '{segment.Name}'";
                    return null;
                }

                type = field;
            }

            for (var d = 0; d < segment.ArrayDepth; d++)
            {
                if (type.Name != "array")
                {
                    problem = $"'{Prefix(s + 1)}' is {type}, not an array, so '[]' cannot step into it";
                    return null;
                }

                type = type.Element!;
            }
        }

        problem = null;
        return type;
    }

    public override string ToString() => Prefix(Segments.Count);

    private string Prefix(int count) => string.Join('.', Segments.Take(count).Select(s =>
        (s.Name.Contains('.', StringComparison.Ordinal) || s.Name.Contains('`', StringComparison.Ordinal) || s.Name.Contains('[', StringComparison.Ordinal)
            ? $"`{s.Name.Replace("`", "``", StringComparison.Ordinal)}`"
            : s.Name) + string.Concat(Enumerable.Repeat("[]", s.ArrayDepth))));
}
