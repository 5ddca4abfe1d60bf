using System.Security.Cryptography;

namespace Lakeport.Services.Security;

/// <summary>Shape of Lakeport's AWS-style keys: ids like <c>LKIA…</c> (20 characters), 40-character secrets.</summary>
public static class AccessKeyFormat
{
    public const string KeyIdRule = "16 to 128 upper-case letters and digits";
    public const string SecretRule = "40 to 128 printable characters without spaces";

    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string SecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static bool IsValidKeyId(string keyId) =>
        keyId.Length is >= 16 and <= 128 && keyId.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9'));

    public static bool IsValidSecret(string secret) =>
        secret.Length is >= 40 and <= 128 && secret.All(c => c is > ' ' and <= '~');

    public static string NewKeyId() => "LKIA" + RandomNumberGenerator.GetString(IdAlphabet, 16);

    public static string NewSecret() => RandomNumberGenerator.GetString(SecretAlphabet, 40);
}
