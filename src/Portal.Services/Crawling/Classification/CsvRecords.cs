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
        var field = new StringBuilder();
        var anyQuoted = false;
        var inQuotes = false;
        var fieldStart = true;
        for (var i = 0; i < text.Length && rows.Count < maxRecords + 1; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c != quote)
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    field.Append(quote);
                    i++;
                }
                else
                {
                    inQuotes = false;
                }

                continue;
            }

            if (c == quote && fieldStart)
            {
                inQuotes = anyQuoted = true;
                fieldStart = false;
            }
            else if (c == delimiter)
            {
                row.Add(field.ToString());
                field.Clear();
                fieldStart = true;
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                if (row.Count > 1 || row[0].Length > 0)
                {
                    rows.Add(row);
                }

                row = [];
            }
            else
            {
                field.Append(c);
                fieldStart = false;
            }
        }

        // A file that does not end with a newline still has its last record, unless the sample cut it.
        if (!dropLastRecord && (field.Length > 0 || row.Count > 0) && rows.Count < maxRecords + 1)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return new Parsed(rows.Take(maxRecords).ToList(), anyQuoted);
    }
}
