using System.Text;

namespace Lakeport.Services.Mapping.Scripts;

/// <summary>
/// Text for a line comment in either language. Only printable ASCII without backslashes survives: a line break would end
/// the comment, and in Scala 2.12 a <c>\u000A</c> written inside a comment is a real line break.
/// </summary>
internal static class CommentText
{
    private const int MaxLength = 120;

    public static string Sanitize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxLength));
        foreach (var c in value)
        {
            if (text.Length == MaxLength)
            {
                return text.Append("...").ToString();
            }

            text.Append(c is >= ' ' and < (char)0x7F and not '\\' ? c : '?');
        }

        return text.ToString().TrimEnd();
    }
}
