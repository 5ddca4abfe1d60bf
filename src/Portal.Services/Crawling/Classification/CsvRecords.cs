using System.Text;

namespace Lakeport.Services.Crawling.Classification;

/// <summary>RFC 4180 records of a text sample for one delimiter: quotes open a field only at its start, a doubled quote escapes one.</summary>
public static class CsvRecords
{
    public sealed record Parsed(IReadOnlyList<IReadOnlyList<string>> Rows, bool AnyQuoted);

    public static Parsed Parse(string text, char delimiter, bool dropLastRecord, int maxRecords, char quote = '"')
    {
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var anyQuoted = false;
        var field = "";
        var i = 0;
        while (i < text.Length && rows.Count < maxRecords + 1)
        {
            // Unquoted fields (nearly all) are cut out whole at the next delimiter or line end, not built a char at a time.
            var end = text.AsSpan(i).IndexOfAny(delimiter, '\n', '\r');
            end = end < 0 ? text.Length : i + end;
            if (text[i] == quote)
            {
                anyQuoted = true;
                (field, i) = Quoted(text, i + 1, delimiter, quote, out var closed);
                if (!closed)
                {
                    break;
                }
            }
            else
            {
                field = text[i..end];
                i = end;
            }

            if (i == text.Length)
            {
                break;
            }

            var c = text[i++];
            row.Add(field);
            field = "";
            if (c == delimiter)
            {
                continue;
            }

            if (c == '\r' && i < text.Length && text[i] == '\n')
            {
                i++;
            }

            if (row.Count > 1 || row[0].Length > 0)
            {
                rows.Add(row);
            }

            row = [];
        }

        // A file that does not end with a newline still has its last record, unless the sample cut it.
        if (!dropLastRecord && (field.Length > 0 || row.Count > 0) && rows.Count < maxRecords + 1)
        {
            row.Add(field);
            rows.Add(row);
        }

        return new Parsed(rows.Take(maxRecords).ToList(), anyQuoted);
    }

    /// <summary>A field opened by a quote: its quoted part, then anything up to the next delimiter or line end as is.</summary>
    /// <returns>The field and the index of the delimiter, line end or end of text after it.</returns>
    private static (string Field, int Next) Quoted(string text, int start, char delimiter, char quote, out bool closed)
    {
        var field = new StringBuilder();
        var i = start;
        closed = false;
        while (i < text.Length)
        {
            var next = text.AsSpan(i).IndexOf(quote);
            if (next < 0)
            {
                field.Append(text, i, text.Length - i);
                return (field.ToString(), text.Length);
            }

            field.Append(text, i, next);
            i += next;
            if (i + 1 < text.Length && text[i + 1] == quote)
            {
                field.Append(quote);
                i += 2;
                continue;
            }

            closed = true;
            i++;
            break;
        }

        if (!closed)
        {
            return (field.ToString(), text.Length);
        }

        var end = text.AsSpan(i).IndexOfAny(delimiter, '\n', '\r');
        end = end < 0 ? text.Length : i + end;
        field.Append(text, i, end - i);
        return (field.ToString(), end);
    }
}
