using System.Globalization;
using System.Text;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Reads one Python string literal (any prefix, single or triple quoted) and decodes it as Python would.</summary>
internal static class PythonStringLiteral
{
    /// <param name="position">At the opening quote; left after the closing one.</param>
    public static PythonToken Read(string source, ref int position, ref int line, string prefix, int startLine, int indent)
    {
        var lower = prefix.ToLowerInvariant();
        var raw = lower.Contains('r', StringComparison.Ordinal);
        var bytes = lower.Contains('b', StringComparison.Ordinal);
        string? notLiteral = lower.Contains('f', StringComparison.Ordinal) ? "an f-string" : bytes ? "a bytes literal" : null;
        var quote = source[position];
        var triple = position + 2 < source.Length && source[position + 1] == quote && source[position + 2] == quote;
        position += triple ? 3 : 1;
        var value = new StringBuilder();
        while (true)
        {
            if (position >= source.Length)
            {
                throw new ScriptSyntaxException(startLine, "A string literal is never closed");
            }

            var c = source[position];
            if (c == quote && (!triple || (position + 2 < source.Length && source[position + 1] == quote && source[position + 2] == quote)))
            {
                position += triple ? 3 : 1;
                return new PythonToken(PythonTokenKind.String, value.ToString(), startLine, indent, notLiteral);
            }

            switch (c)
            {
                case '\0':
                    throw new ScriptSyntaxException(line, "The script contains a NUL character; it is not Python source");
                case '\n' when !triple:
                    throw new ScriptSyntaxException(startLine, "A string literal is never closed");
                case '\n':
                    line++;
                    value.Append(c);
                    position++;
                    break;
                case '\\':
                    if (position + 1 >= source.Length)
                    {
                        throw new ScriptSyntaxException(startLine, "A string literal is never closed");
                    }

                    if (raw)
                    {
                        // In a raw string the backslash stays, and it only stops the next character ending the literal.
                        value.Append(c).Append(source[position + 1]);
                        line += source[position + 1] == '\n' ? 1 : 0;
                        position += 2;
                    }
                    else
                    {
                        notLiteral ??= ReadEscape(source, ref position, ref line, value, bytes);
                    }

                    break;
                default:
                    value.Append(c);
                    position++;
                    break;
            }
        }
    }

    /// <returns>Why the literal cannot be decoded here, or null.</returns>
    private static string? ReadEscape(string source, ref int position, ref int line, StringBuilder value, bool bytes)
    {
        var next = source[position + 1];
        position += 2;
        switch (next)
        {
            case '\n': line++; return null;
            case '\\' or '\'' or '"': value.Append(next); return null;
            case 'a': value.Append('\a'); return null;
            case 'b': value.Append('\b'); return null;
            case 'f': value.Append('\f'); return null;
            case 'n': value.Append('\n'); return null;
            case 'r': value.Append('\r'); return null;
            case 't': value.Append('\t'); return null;
            case 'v': value.Append('\v'); return null;
            case >= '0' and <= '7':
                var octal = next - '0';
                for (var i = 0; i < 2 && position < source.Length && source[position] is >= '0' and <= '7'; i++)
                {
                    octal = (octal * 8) + (source[position++] - '0');
                }

                value.Append((char)octal);
                return null;
            case 'x':
                value.Append((char)ReadHex(source, ref position, 2, line));
                return null;
            case 'u' when !bytes:
                value.Append((char)ReadHex(source, ref position, 4, line));
                return null;
            case 'U' when !bytes:
                var codePoint = (int)Math.Min(ReadHex(source, ref position, 8, line), int.MaxValue);
                if (codePoint > 0x10FFFF)
                {
                    throw new ScriptSyntaxException(line, "A \\U escape is beyond Unicode");
                }

                value.Append(codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint));
                return null;
            case 'N' when !bytes:
                var close = source.IndexOf('}', position);
                if (position >= source.Length || source[position] != '{' || close < 0 || source.IndexOf('\n', position, close - position) >= 0)
                {
                    throw new ScriptSyntaxException(line, "A \\N escape needs a {name}");
                }

                position = close + 1;
                return "a \\N{...} escape";
            default:
                // Python keeps an unknown escape as written.
                value.Append('\\').Append(next);
                line += next == '\n' ? 1 : 0;
                return null;
        }
    }

    private static long ReadHex(string source, ref int position, int digits, int line)
    {
        if (position + digits > source.Length
            || !long.TryParse(source.AsSpan(position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            || source.AsSpan(position, digits).ContainsAnyExcept("0123456789abcdefABCDEF"))
        {
            throw new ScriptSyntaxException(line, $"A string escape needs {digits} hex digits");
        }

        position += digits;
        return value;
    }
}
