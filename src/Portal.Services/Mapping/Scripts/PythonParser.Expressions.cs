namespace Lakeport.Services.Mapping.Scripts;

/// <summary>Expressions of the Python subset: operators, calls, attribute and index access, literals, tuples, lists and dicts.</summary>
internal sealed partial class PythonParser
{
    private PyExpr Expression()
    {
        if (Current.Is(PythonTokenKind.Name, "lambda"))
        {
            var line = Current.Line;
            SkipUntilCloserOrComma();
            return new PyOther("lambda", line);
        }

        var left = Unary();
        while (IsBinaryOperator(Current))
        {
            var line = Current.Line;
            _position++;
            if (Current.Is(PythonTokenKind.Name, "not") || Current.Is(PythonTokenKind.Name, "is"))
            {
                _position++;
            }

            _ = Unary();
            left = new PyOther("an expression", line);
        }

        return left;
    }

    private static bool IsBinaryOperator(PythonToken token) =>
        (token.Kind == PythonTokenKind.Operator && BinaryOperators.Contains(token.Text))
        || (token.Kind == PythonTokenKind.Name && WordOperators.Contains(token.Text));

    /// <summary>Every nesting (brackets, unary operators) passes through here, so this is where depth is bounded.</summary>
    private PyExpr Unary()
    {
        if (++_depth > MaxDepth)
        {
            _tooDeep = true;
            throw new ScriptSyntaxException(Current.Line, "The script nests expressions too deeply");
        }

        try
        {
            return UnaryOrPostfix();
        }
        finally
        {
            _depth--;
        }
    }

    private PyExpr UnaryOrPostfix()
    {
        if (Current.Kind == PythonTokenKind.Operator && Current.Text is "-" or "+" or "~" || Current.Is(PythonTokenKind.Name, "not") || Current.Is(PythonTokenKind.Name, "await"))
        {
            var line = Current.Line;
            var negative = Current.IsOperator("-");
            _position++;
            return Unary() is PyConst { Value: PyNumber number } && negative
                ? new PyConst(new PyNumber("-" + number.Text), line)
                : new PyOther("an expression", line);
        }

        return Postfix(Atom());
    }

    private PyExpr Postfix(PyExpr expr)
    {
        while (true)
        {
            var line = Current.Line;
            if (Current.IsOperator("."))
            {
                _position++;
                expr = new PyAttribute(expr, Expect(PythonTokenKind.Name).Text, line);
            }
            else if (Current.IsOperator("("))
            {
                _position++;
                expr = Arguments(expr, line);
            }
            else if (Current.IsOperator("["))
            {
                _position++;
                SkipUntilCloser("]");
                expr = new PySubscript(expr, line);
            }
            else
            {
                return expr;
            }
        }
    }

    private PyCall Arguments(PyExpr function, int line)
    {
        var args = new List<PyExpr>();
        var keywords = new List<PyKeyword>();
        while (!Current.IsOperator(")"))
        {
            if (Current.IsOperator("**"))
            {
                _position++;
                keywords.Add(new PyKeyword(null, Expression()));
            }
            else if (Current.IsOperator("*"))
            {
                _position++;
                args.Add(new PyOther("*args", Expression().Line));
            }
            else if (Current.Kind == PythonTokenKind.Name && _tokens[_position + 1].IsOperator("="))
            {
                var name = Current.Text;
                _position += 2;
                keywords.Add(new PyKeyword(name, Expression()));
            }
            else
            {
                args.Add(Expression());
                if (Current.Is(PythonTokenKind.Name, "for"))
                {
                    SkipUntilCloser(")");
                    return new PyCall(function, [new PyOther("a comprehension", line)], keywords, line);
                }
            }

            if (!Current.IsOperator(","))
            {
                break;
            }

            _position++;
        }

        Expect(PythonTokenKind.Operator, ")");
        return new PyCall(function, args, keywords, line);
    }

    private PyExpr Atom()
    {
        var token = Current;
        _position++;
        switch (token.Kind)
        {
            case PythonTokenKind.Name:
                return token.Text switch
                {
                    "True" => new PyConst(true, token.Line),
                    "False" => new PyConst(false, token.Line),
                    "None" => new PyConst(null, token.Line),
                    _ => new PyName(token.Text, token.Line),
                };
            case PythonTokenKind.Number:
                return new PyConst(new PyNumber(token.Text), token.Line);
            case PythonTokenKind.String:
                return Strings(token);
            case PythonTokenKind.Operator when token.Text == "(":
                return Sequence(")", true, token.Line);
            case PythonTokenKind.Operator when token.Text == "[":
                return Sequence("]", false, token.Line);
            case PythonTokenKind.Operator when token.Text == "{":
                return Dict(token.Line);
            case PythonTokenKind.Operator when token.Text == "...":
                return new PyOther("Ellipsis", token.Line);
            default:
                throw new ScriptSyntaxException(token.Line, $"Unexpected '{token.Text.Trim()}'");
        }
    }

    /// <summary>Adjacent literals concatenate, as in Python; any f-string or bytes part makes the whole non-literal.</summary>
    private PyExpr Strings(PythonToken first)
    {
        var value = first.Text;
        var notLiteral = first.NotLiteral;
        while (Current.Kind == PythonTokenKind.String)
        {
            value += Current.Text;
            notLiteral ??= Current.NotLiteral;
            _position++;
        }

        return notLiteral is null ? new PyConst(value, first.Line) : new PyOther(notLiteral, first.Line);
    }

    private PyExpr Sequence(string closer, bool parenthesized, int line)
    {
        var items = new List<PyExpr>();
        var sawComma = false;
        while (!Current.IsOperator(closer))
        {
            items.Add(Current.IsOperator("*") ? StarItem() : Expression());
            if (Current.Is(PythonTokenKind.Name, "for"))
            {
                SkipUntilCloser(closer);
                return new PyOther("a comprehension", line);
            }

            if (!Current.IsOperator(","))
            {
                break;
            }

            sawComma = true;
            _position++;
        }

        Expect(PythonTokenKind.Operator, closer);
        return parenthesized && items.Count == 1 && !sawComma ? items[0] : new PyList(items, parenthesized, line);
    }

    private PyOther StarItem()
    {
        _position++;
        return new PyOther("*args", Expression().Line);
    }

    private PyExpr Dict(int line)
    {
        var items = new List<KeyValuePair<PyExpr, PyExpr>>();
        while (!Current.IsOperator("}"))
        {
            if (Current.IsOperator("**"))
            {
                _position++;
                items.Add(new(new PyOther("**mapping", line), Expression()));
            }
            else
            {
                var key = Expression();
                if (!Current.IsOperator(":"))
                {
                    // A set or a comprehension: never part of a Glue call Lakeport reads.
                    SkipUntilCloser("}");
                    return new PyOther("a set", line);
                }

                _position++;
                items.Add(new(key, Expression()));
                if (Current.Is(PythonTokenKind.Name, "for"))
                {
                    SkipUntilCloser("}");
                    return new PyOther("a comprehension", line);
                }
            }

            if (!Current.IsOperator(","))
            {
                break;
            }

            _position++;
        }

        Expect(PythonTokenKind.Operator, "}");
        return new PyDict(items, line);
    }
}
