namespace ClawClip.Scanning.Rules;

/// <summary>
/// CRC-32 (IEEE 802.3, the zlib one) over a string's characters taken as bytes. Written here rather than taken from
/// System.IO.Hashing because the tokens it checks are ASCII and this is a dozen lines against a new package.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of <paramref name="ascii"/>; every character must be ASCII (the caller's regex ensures it).</summary>
    public static uint Of(string ascii)
    {
        var crc = 0xFFFF_FFFFu;
        foreach (var c in ascii)
        {
            crc = (crc >> 8) ^ Table[(crc ^ c) & 0xFF];
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB8_8320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
