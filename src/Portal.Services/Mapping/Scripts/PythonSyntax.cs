namespace Lakeport.Services.Mapping.Scripts;

/// <summary>An expression of the Python subset; anything the recognizer never needs to look into is a <see cref="PyOther"/>.</summary>
internal abstract record PyExpr(int Line);

internal sealed record PyName(string Name, int Line) : PyExpr(Line);

/// <summary>A str, bool, None or number; <paramref name="Value"/> is a string, a bool, null, or a <see cref="PyNumber"/>.</summary>
internal sealed record PyConst(object? Value, int Line) : PyExpr(Line);

internal sealed record PyNumber(string Text);

internal sealed record PyAttribute(PyExpr Target, string Name, int Line) : PyExpr(Line);

/// <param name="Keywords">Keyword arguments in order; a null name is a <c>**mapping</c>.</param>
internal sealed record PyCall(PyExpr Function, IReadOnlyList<PyExpr> Args, IReadOnlyList<PyKeyword> Keywords, int Line) : PyExpr(Line);

internal sealed record PyKeyword(string? Name, PyExpr Value);

internal sealed record PyList(IReadOnlyList<PyExpr> Items, bool IsTuple, int Line) : PyExpr(Line);

internal sealed record PyDict(IReadOnlyList<KeyValuePair<PyExpr, PyExpr>> Items, int Line) : PyExpr(Line);

internal sealed record PySubscript(PyExpr Target, int Line) : PyExpr(Line);

/// <summary>An expression kept only for what it is (an operator, a lambda, a comprehension, an f-string...).</summary>
internal sealed record PyOther(string What, int Line) : PyExpr(Line);

internal enum PyStatementKind
{
    Import,
    Assign,
    Expression,

    /// <summary>A compound statement (def, class, for, if, ...), a decorator or any statement the subset does not model.</summary>
    Other,
}

/// <param name="Keyword">For <see cref="PyStatementKind.Other"/>: its first word (def, for, @, ...) or null.</param>
/// <param name="Names">Every name token in the statement, to say what an unmodelled statement uses.</param>
internal sealed record PyStatement(
    PyStatementKind Kind, int Line, bool Indented, string? Target, PyExpr? Value, string? Keyword, IReadOnlyList<string> Names);

internal static class PyExprExtensions
{
    /// <summary>The dotted name of a function or attribute chain (<c>glueContext.create_dynamic_frame.from_catalog</c>), or null.</summary>
    public static string? DottedName(this PyExpr expr) => expr switch
    {
        PyName name => name.Name,
        PyAttribute attribute when attribute.Target.DottedName() is { } target => target + "." + attribute.Name,
        _ => null,
    };
}
