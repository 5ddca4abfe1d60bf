using System.Globalization;
using System.Text;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Plain Scala string literals (never <c>s"..."</c>, so <c>$</c> is just a character) that hold any .NET string exactly.
/// Glue runs Scala 2.12, where a <c>\uXXXX</c> escape is replaced before the lexer sees it: so quotes, backslashes and
/// line breaks use their own escapes (a <c>\u000A</c> would become a raw newline and break the literal), and only the
/// other control and non-ASCII characters use <c>\uXXXX</c>, which mean the same in 2.12 and 2.13.
/// </summary>
internal static class ScalaLiteral
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                case '\b': text.Append(@"\b"); break;
                case '\f': text.Append(@"\f"); break;
                default:
                    if (c is >= ' ' and < (char)0x7F)
                    {
                        text.Append(c);
                    }
                    else
                    {
                        text.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    public static string Seq(IEnumerable<string> values)
    {
        var items = values.Select(Quote).ToList();
        return items.Count == 0 ? "Seq.empty[String]" : "Seq(" + string.Join(", ", items) + ")";
    }
}
