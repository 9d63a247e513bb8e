namespace ClawClip.Scanning.Rules;

/// <summary>Base62 with GitHub's alphabet order: digits, then upper case, then lower case.</summary>
internal static class Base62
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The digits of <paramref name="value"/>, most significant first; "0" for zero.</summary>
    public static string Encode(uint value)
    {
        if (value == 0)
        {
            return "0";
        }

        var digits = new Stack<char>();
        while (value > 0)
        {
            digits.Push(Alphabet[(int)(value % 62)]);
            value /= 62;
        }

        return new string([.. digits]);
    }
}
