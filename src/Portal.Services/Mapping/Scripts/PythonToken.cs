namespace Lakeport.Services.Mapping.Scripts;

internal enum PythonTokenKind
{
    Name,
    Number,
    String,
    Operator,
    Newline,
    EndOfFile,
}

/// <summary>
/// One token of the Python subset Glue scripts use. A string token carries its decoded value; <paramref name="NotLiteral"/>
/// says why it is not a plain str constant (an f-string, bytes, a <c>\N{...}</c> escape), or is null.
/// </summary>
/// <param name="Indent">The indentation of the logical line this token starts, or -1 when it does not start one.</param>
internal sealed record PythonToken(PythonTokenKind Kind, string Text, int Line, int Indent = -1, string? NotLiteral = null)
{
    public bool Is(PythonTokenKind kind, string text) => Kind == kind && string.Equals(Text, text, StringComparison.Ordinal);

    public bool IsOperator(string text) => Is(PythonTokenKind.Operator, text);
}

/// <summary>The script is not Python this tokenizer or parser can read; the line is 1-based.</summary>
internal sealed class ScriptSyntaxException(int line, string problem) : Exception($"{problem} (line {line})")
{
    public int Line { get; } = line;

    public string Problem { get; } = problem;
}
