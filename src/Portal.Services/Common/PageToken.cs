using System.Text;

namespace Lakeport.Services.Common;

/// <summary>
/// Opaque NextTokens that carry the last key returned: stable under concurrent inserts, unlike an offset.
/// </summary>
public static class PageToken
{
    public static string Encode(string lastKey) => Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw new InvalidInputException("The NextToken is not one this catalog issued.");
        }
    }
}
