using System.Globalization;
using System.Text;

namespace Lakeport.Services.Tests.Mapping.Scripts;

/// <summary>
/// An independent reader for the Scala the generator emits: line comments, plain string literals with their escapes,
/// and bracket balance outside literals. It fails on anything a Scala 2.12 lexer would also reject in a literal
/// (a raw line break, an unknown escape, a unicode escape that turns into a quote or a line break).
/// </summary>
internal static class ScalaSourceReader
{
    public static IReadOnlyList<string> ReadLiterals(string source)
    {
        var literals = new List<string>();
        var stack = new Stack<char>();
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                i = source.IndexOf('\n', i) is var end and >= 0 ? end : source.Length;
                continue;
            }

            if (c == '"')
            {
                Assert.False(i > 0 && char.IsLetterOrDigit(source[i - 1]), $"An interpolated string at {i}");
                Assert.False(i + 2 < source.Length && source[i + 1] == '"' && source[i + 2] == '"' , $"A triple-quoted string at {i}");
                literals.Add(ReadLiteral(source, ref i));
                continue;
            }

            if (c is '(' or '[' or '{')
            {
                stack.Push(c);
            }
            else if (c is ')' or ']' or '}')
            {
                Assert.True(stack.Count > 0, $"Unbalanced '{c}' at {i}");
                Assert.Equal(c switch { ')' => '(', ']' => '[', _ => '{' }, stack.Pop());
            }
        }

        Assert.Empty(stack);
        return literals;
    }

    private static string ReadLiteral(string source, ref int i)
    {
        var value = new StringBuilder();
        for (i++; ; i++)
        {
            Assert.True(i < source.Length, "A string literal is never closed");
            var c = source[i];
            Assert.False(c is '\n' or '\r', "A raw line break inside a string literal");
            if (c == '"')
            {
                return value.ToString();
            }

            if (c != '\\')
            {
                value.Append(c);
                continue;
            }

            var next = source[++i];
            switch (next)
            {
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case '"' or '\\' or '\'': value.Append(next); break;
                case 'u':
                    var unit = (char)int.Parse(source.AsSpan(i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    // Scala 2.12 replaces these before lexing: they would end the literal or break the line.
                    Assert.False(unit is '"' or '\\' or '\n' or '\r', $"\\u{(int)unit:x4} is unsafe in Scala 2.12");
                    value.Append(unit);
                    i += 4;
                    break;
                default:
                    Assert.Fail($"Unknown escape \\{next}");
                    break;
            }
        }
    }
}
