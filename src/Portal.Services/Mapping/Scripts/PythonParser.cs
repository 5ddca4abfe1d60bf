namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Statements of the Python subset from tokens: imports, <c>name = expression</c>, expression statements, and the rest
/// (compound statements, decorators, augmented assignments...) kept as <see cref="PyStatementKind.Other"/> so the
/// recognizer can say what it is and where.
/// </summary>
internal sealed partial class PythonParser
{
    // Deeper nesting than this is not a Glue script; the limit keeps hostile input from exhausting the stack.
    private const int MaxDepth = 100;

    private static readonly HashSet<string> CompoundKeywords =
    [
        "def", "class", "for", "while", "if", "elif", "else", "try", "except", "finally", "with", "async", "return", "yield",
        "global", "nonlocal", "del", "pass", "raise", "assert", "break", "continue", "match", "await", "print",
    ];

    private static readonly HashSet<string> BinaryOperators =
    [
        "+", "-", "*", "/", "//", "%", "**", "@", "<<", ">>", "&", "|", "^", "<", ">", "<=", ">=", "==", "!=",
    ];

    private static readonly HashSet<string> WordOperators = ["and", "or", "in", "not", "is", "if", "else"];

    private readonly IReadOnlyList<PythonToken> _tokens;
    private int _position;
    private int _depth;
    private bool _tooDeep;

    private PythonParser(IReadOnlyList<PythonToken> tokens) => _tokens = tokens;

    public static IReadOnlyList<PyStatement> Parse(string source) => new PythonParser(PythonTokenizer.Tokenize(source)).Statements();

    private PythonToken Current => _tokens[_position];

    private IReadOnlyList<PyStatement> Statements()
    {
        var statements = new List<PyStatement>();
        while (Current.Kind != PythonTokenKind.EndOfFile)
        {
            if (Current.Kind == PythonTokenKind.Newline || Current.IsOperator(";"))
            {
                _position++;
                continue;
            }

            var start = _position;
            var first = Current;
            PyStatement statement;
            try
            {
                statement = Statement(first);
            }
            catch (ScriptSyntaxException) when (!_tooDeep)
            {
                // A statement outside the subset is kept as "other" rather than making the whole script unreadable.
                _position = start;
                statement = Other(first, first.Kind == PythonTokenKind.Name ? first.Text : null);
            }

            statements.Add(statement with { Names = NamesBetween(start, SkipToStatementEnd()) });
        }

        return statements;
    }

    private PyStatement Statement(PythonToken first)
    {
        var indented = first.Indent > 0;
        if (first.Kind == PythonTokenKind.Name && first.Text is "import" or "from")
        {
            return new PyStatement(PyStatementKind.Import, first.Line, indented, null, null, first.Text, []);
        }

        if (first.Kind == PythonTokenKind.Name && CompoundKeywords.Contains(first.Text))
        {
            return Other(first, first.Text);
        }

        if (first.IsOperator("@"))
        {
            return Other(first, "@");
        }

        var expression = Expression();
        if (Current.IsOperator("=") && expression is PyName target)
        {
            _position++;
            var value = Expression();
            return AtStatementEnd()
                ? new PyStatement(PyStatementKind.Assign, first.Line, indented, target.Name, value, null, [])
                : Other(first, null);
        }

        return AtStatementEnd()
            ? new PyStatement(PyStatementKind.Expression, first.Line, indented, null, expression, null, [])
            : Other(first, null);
    }

    private static PyStatement Other(PythonToken first, string? keyword) =>
        new(PyStatementKind.Other, first.Line, first.Indent > 0, null, null, keyword, []);

    private bool AtStatementEnd() => Current.Kind is PythonTokenKind.Newline or PythonTokenKind.EndOfFile || Current.IsOperator(";");

    private int SkipToStatementEnd()
    {
        while (!AtStatementEnd())
        {
            _position++;
        }

        return _position;
    }

    private List<string> NamesBetween(int start, int end) =>
        [.. _tokens.Skip(start).Take(end - start).Where(token => token.Kind == PythonTokenKind.Name).Select(token => token.Text)];

    private PythonToken Expect(PythonTokenKind kind, string? text = null)
    {
        var token = Current;
        if (token.Kind != kind || (text is not null && token.Text != text))
        {
            throw new ScriptSyntaxException(token.Line, text is null ? $"Expected a {kind.ToString().ToLowerInvariant()}" : $"Expected '{text}'");
        }

        _position++;
        return token;
    }

    /// <summary>Skips to just after the closer that matches an already consumed opener (the tokenizer checked balance).</summary>
    private void SkipUntilCloser(string closer)
    {
        var depth = 0;
        while (Current.Kind != PythonTokenKind.EndOfFile)
        {
            var token = Current;
            _position++;
            if (token.Kind != PythonTokenKind.Operator)
            {
                continue;
            }

            if (token.Text is "(" or "[" or "{")
            {
                depth++;
            }
            else if (token.Text is ")" or "]" or "}" && depth-- == 0)
            {
                if (token.Text != closer)
                {
                    throw new ScriptSyntaxException(token.Line, $"Expected '{closer}'");
                }

                return;
            }
        }
    }

    private void SkipUntilCloserOrComma()
    {
        var depth = 0;
        while (!AtStatementEnd())
        {
            var token = Current;
            if (token.Kind == PythonTokenKind.Operator)
            {
                if (token.Text is "(" or "[" or "{")
                {
                    depth++;
                }
                else if ((token.Text is ")" or "]" or "}" || token.Text == ",") && depth == 0)
                {
                    return;
                }
                else if (token.Text is ")" or "]" or "}")
                {
                    depth--;
                }
            }

            _position++;
        }
    }
}
