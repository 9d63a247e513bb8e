using System.Text;
using ClawClip.Scanning.Rules;

namespace ClawClip.Scanning.Tests;

public sealed class Crc32Tests
{
    [Fact]
    public void Of_TheStandardCheckInput_GivesTheStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Of("123456789"));
    }

    [Fact]
    public void Of_AgreesWithABitwiseCrc32()
    {
        var text = Synthetic.Random("abcdefghijklmnopqrstuvwxyz0123456789", 64, seed: 11);

        Assert.Equal(Synthetic.BitwiseCrc32(Encoding.ASCII.GetBytes(text)), Crc32.Of(text));
    }
}
