using System.Text;

namespace ClawClip.Scanning.Tests;

/// <summary>
/// Synthetic values in each vendor's format, made at run time from a fixed seed so the test sources hold no
/// literal that a scanner (or a person) would take for a real credential. Checksums are computed here independently
/// of the scanner's own code, so a scanner that gets CRC32 or base62 wrong fails.
/// </summary>
internal static class Synthetic
{
    private const string Base62Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static string Random(string alphabet, int length, int seed)
    {
        var random = new Random(seed);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    public static string AwsAccessKeyId(string prefix = "AKIA", int seed = 1) => prefix + Random(Base32Upper, 16, seed);

    /// <summary>40 base64 characters with at least one letter and one digit (a seed that gives neither is no test).</summary>
    public static string AwsSecretAccessKey(int seed = 2)
    {
        var value = Random(Base64Chars, 38, seed);
        return value[..19] + "7" + value[19..] + "q";
    }

    /// <summary>A GitHub token whose checksum is right: CRC32 (bit by bit, no table) of the random part in base62.</summary>
    public static string GitHubToken(string prefix = "ghp_", int seed = 3)
    {
        var random = Random(Base62Digits, 30, seed);
        return prefix + random + ToBase62(BitwiseCrc32(Encoding.ASCII.GetBytes(random))).PadLeft(6, '0');
    }

    /// <summary>The same token with its last checksum character changed, so its checksum is wrong.</summary>
    public static string GitHubTokenWithBadChecksum(int seed = 3)
    {
        var token = GitHubToken(seed: seed);
        var last = token[^1];
        var changed = Base62Digits[(Base62Digits.IndexOf(last, StringComparison.Ordinal) + 1) % 62];
        return token[..^1] + changed;
    }

    /// <summary>A Visa-like number (not a test number) with its Luhn check digit computed here.</summary>
    public static string CardNumber(string start = "4539", int length = 16, int seed = 4)
    {
        var body = start + Random("0123456789", length - start.Length - 1, seed);
        return body + LuhnCheckDigit(body);
    }

    public static uint BitwiseCrc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static string ToBase62(uint value)
    {
        var text = "";
        do
        {
            text = Base62Digits[(int)(value % 62)] + text;
            value /= 62;
        }
        while (value > 0);
        return text;
    }

    private static char LuhnCheckDigit(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var digit = body[body.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                digit = digit * 2 > 9 ? (digit * 2) - 9 : digit * 2;
            }

            sum += digit;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }
}
