using System.Globalization;
using System.Text;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Python string literals that hold any .NET string exactly. The output is pure printable ASCII, so no name can end
/// the literal, start a comment or smuggle in a bidi or line-separator character; lone surrogates survive as escapes.
/// </summary>
internal static class PythonLiteral
{
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': text.Append(@"\\"); break;
                case '"': text.Append("\\\""); break;
                case '\n': text.Append(@"\n"); break;
                case '\r': text.Append(@"\r"); break;
                case '\t': text.Append(@"\t"); break;
                default:
                    if (c is >= ' ' and < (char)0x7F)
                    {
                        text.Append(c);
                    }
                    else if (c < 0x100)
                    {
                        text.Append(@"\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                        text.Append(@"\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                        i++;
                    }
                    else
                    {
                        // Python accepts a lone surrogate in a \u escape, so the value survives unchanged.
                        text.Append(@"\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    public static string Bool(bool value) => value ? "True" : "False";

    public static string List(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Quote)) + "]";
}
