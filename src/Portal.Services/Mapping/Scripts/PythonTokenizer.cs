namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Python's tokenizer for the subset Glue scripts use: names, numbers, every string literal form (prefixes r/b/u/f,
/// single, double and triple quotes, all escapes), operators, comments, implicit line joining inside brackets and
/// backslash continuation. Anything Python itself would reject (an unterminated string, a NUL, a stray character)
/// is a <see cref="ScriptSyntaxException"/>.
/// </summary>
internal sealed class PythonTokenizer
{
    private static readonly string[] Operators =
    [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**", "//", "<<", ">>",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
        "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@", "=", "+", "-", "*", "/", "%", "<", ">", "&", "|", "^", "~",
    ];

    private readonly string _source;
    private readonly List<PythonToken> _tokens = [];
    private int _position;
    private int _line = 1;
    private int _depth;
    private bool _atLineStart = true;

    private PythonTokenizer(string source)
    {
        // Python reads \r\n and lone \r as line ends before tokenizing, so do we.
        _source = source.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
    }

    public static IReadOnlyList<PythonToken> Tokenize(string source) => new PythonTokenizer(source).Run();

    private IReadOnlyList<PythonToken> Run()
    {
        while (_position < _source.Length)
        {
            if (_atLineStart && _depth == 0)
            {
                ReadLineStart();
                continue;
            }

            var c = _source[_position];
            switch (c)
            {
                case '\n':
                    _position++;
                    if (_depth == 0)
                    {
                        _tokens.Add(new PythonToken(PythonTokenKind.Newline, "\n", _line));
                        _atLineStart = true;
                    }

                    _line++;
                    break;
                case ' ' or '\t' or '\f':
                    _position++;
                    break;
                case '#':
                    SkipComment();
                    break;
                case '\\':
                    ReadContinuation();
                    break;
                default:
                    ReadToken(-1);
                    break;
            }
        }

        if (_depth > 0)
        {
            throw new ScriptSyntaxException(_line, "A bracket is never closed");
        }

        _tokens.Add(new PythonToken(PythonTokenKind.Newline, "\n", _line));
        _tokens.Add(new PythonToken(PythonTokenKind.EndOfFile, string.Empty, _line));
        return _tokens;
    }

    /// <summary>Measures the indentation of a line; blank and comment-only lines produce nothing.</summary>
    private void ReadLineStart()
    {
        var indent = 0;
        while (_position < _source.Length && _source[_position] is ' ' or '\t' or '\f')
        {
            indent += _source[_position] == '\t' ? 8 - (indent % 8) : 1;
            _position++;
        }

        if (_position >= _source.Length)
        {
            return;
        }

        switch (_source[_position])
        {
            case '#':
                SkipComment();
                return;
            case '\n':
                _position++;
                _line++;
                return;
            case '\\':
                ReadContinuation();
                return;
            default:
                _atLineStart = false;
                ReadToken(indent);
                return;
        }
    }

    private void SkipComment()
    {
        while (_position < _source.Length && _source[_position] != '\n')
        {
            CheckCharacter(_source[_position]);
            _position++;
        }
    }

    private void ReadContinuation()
    {
        if (_position + 1 >= _source.Length || _source[_position + 1] != '\n')
        {
            throw new ScriptSyntaxException(_line, "A backslash outside a string must end the line");
        }

        _position += 2;
        _line++;
    }

    private void ReadToken(int indent)
    {
        var c = _source[_position];
        CheckCharacter(c);
        var start = _position;
        var line = _line;
        if (char.IsAsciiDigit(c) || (c == '.' && _position + 1 < _source.Length && char.IsAsciiDigit(_source[_position + 1])))
        {
            ReadNumber();
            _tokens.Add(new PythonToken(PythonTokenKind.Number, _source[start.._position], line, indent));
            return;
        }

        if (c == '_' || char.IsLetter(c))
        {
            while (_position < _source.Length && (_source[_position] == '_' || char.IsLetterOrDigit(_source[_position])))
            {
                _position++;
            }

            var name = _source[start.._position];
            if (_position < _source.Length && _source[_position] is '"' or '\'' && IsStringPrefix(name))
            {
                _tokens.Add(PythonStringLiteral.Read(_source, ref _position, ref _line, name, line, indent));
                return;
            }

            _tokens.Add(new PythonToken(PythonTokenKind.Name, name, line, indent));
            return;
        }

        if (c is '"' or '\'')
        {
            _tokens.Add(PythonStringLiteral.Read(_source, ref _position, ref _line, string.Empty, line, indent));
            return;
        }

        var op = Array.Find(Operators, candidate => string.CompareOrdinal(_source, _position, candidate, 0, candidate.Length) == 0)
            ?? throw new ScriptSyntaxException(_line, $"Unexpected character '{Printable(c)}'");
        _position += op.Length;
        _depth += op is "(" or "[" or "{" ? 1 : op is ")" or "]" or "}" ? -1 : 0;
        if (_depth < 0)
        {
            throw new ScriptSyntaxException(_line, $"Unmatched '{op}'");
        }

        _tokens.Add(new PythonToken(PythonTokenKind.Operator, op, line, indent));
    }

    private void ReadNumber()
    {
        while (_position < _source.Length)
        {
            var c = _source[_position];
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            {
                _position++;
            }
            else if (c is '+' or '-' && _source[_position - 1] is 'e' or 'E' && !IsHex(_source, _position))
            {
                _position++;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsHex(string source, int end)
    {
        var start = end;
        while (start > 0 && (char.IsAsciiLetterOrDigit(source[start - 1]) || source[start - 1] is '_' or '.'))
        {
            start--;
        }

        return end - start > 1 && source[start] == '0' && source[start + 1] is 'x' or 'X';
    }

    private static bool IsStringPrefix(string name) =>
        name.Length <= 2 && name.ToLowerInvariant() is "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf";

    private void CheckCharacter(char c)
    {
        if (c == '\0')
        {
            throw new ScriptSyntaxException(_line, "The script contains a NUL character; it is not Python source");
        }
    }

    internal static string Printable(char c) => c is >= ' ' and < (char)0x7F ? c.ToString() : $"U+{(int)c:X4}";
}
