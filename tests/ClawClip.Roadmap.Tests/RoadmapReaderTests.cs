using System.Text;
using ClawClip.Core.Goals;

namespace ClawClip.Roadmap.Tests;

public sealed class RoadmapReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Read_WhenTheFileHasTaskListItems_ReturnsTheGoalsNamingTheFile()
    {
        var path = folder.Write("ROADMAP.md", Encoding.UTF8.GetBytes("# Roadmap\n\n- [ ] Faster builds\n- [x] Docs\n"));

        var read = Roadmaps.Expect<RoadmapGoalsRead>(RoadmapReader.Read(path));

        Assert.Equal(path, read.SourceName);
        Assert.Null(read.Message);
        Assert.Equal(["Faster builds", "Docs"], read.Goals.Select(g => g.Text));
        Assert.Equal([false, true], read.Goals.Select(g => g.Done));
    }

    [Fact]
    public void Read_WhenTheFileIsMissing_ReturnsAProblemNamingThePath()
    {
        var path = Path.Combine(folder.Path, "ROADMAP.md");

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.Missing, problem.Kind);
        Assert.Equal($"{path} does not exist", problem.Message);
    }

    [Fact]
    public void Read_WhenTheFolderIsMissing_ReturnsAProblemNamingThePath()
    {
        var path = Path.Combine(folder.Path, "no-such-folder", "ROADMAP.md");

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.Missing, problem.Kind);
        Assert.StartsWith(path, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenThePathIsAFolder_ReturnsAProblemSayingSo()
    {
        var path = Directory.CreateDirectory(Path.Combine(folder.Path, "ROADMAP.md")).FullName;

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.Unreadable, problem.Kind);
        Assert.Equal($"{path} cannot be read: it is a folder", problem.Message);
    }

    [Fact]
    public void Read_WhenTheFileIs10MB_ReturnsAProblemGivingItsSizeAndTheLimit()
    {
        var path = Path.Combine(folder.Path, "ROADMAP.md");
        using (var stream = File.Create(path))
        {
            stream.SetLength(10L * 1024 * 1024);
        }

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.TooLarge, problem.Kind);
        Assert.Equal($"{path} is 10.0 MB; the limit is 1 MB", problem.Message);
    }

    [Fact]
    public void Read_WhenTheFileIsExactlyAtTheLimit_ReadsEveryGoal()
    {
        var (content, count) = Roadmap(RoadmapReader.MaxBytes);
        var path = folder.Write("ROADMAP.md", content);

        var read = Roadmaps.Expect<RoadmapGoalsRead>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapReader.MaxBytes, new FileInfo(path).Length);
        Assert.Equal(count, read.Goals.Count);
        Assert.Equal(count, read.Goals.Select(g => g.Id).Distinct().Count());
    }

    [Fact]
    public void Read_WhenTheFileIsAnImage_ReturnsAProblemNamingTheFirstNulByte()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
        var path = folder.Write("ROADMAP.md", png);

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.Binary, problem.Kind);
        Assert.Equal(8, problem.ByteOffset);
        Assert.Equal($"{path} looks binary, not Markdown: it has a NUL byte at offset 8 (line 3)", problem.Message);
    }

    [Fact]
    public void Read_WhenTheFileIsLatin1_ReturnsAProblemNamingTheBadByte()
    {
        var path = folder.Write("ROADMAP.md", Encoding.Latin1.GetBytes("- [ ] Café\n"));

        var problem = Roadmaps.Expect<RoadmapProblem>(RoadmapReader.Read(path));

        Assert.Equal(RoadmapProblemKind.NotUtf8, problem.Kind);
        Assert.Equal(9, problem.ByteOffset);
        Assert.Equal(1, problem.Line);
        Assert.StartsWith($"{path} is not UTF-8 text: the byte at offset 9 (line 1)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenTheFileStartsWithAByteOrderMark_ReadsTheGoals()
    {
        var path = folder.Write("ROADMAP.md", [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("- [ ] Café\n")]);

        var read = Roadmaps.Expect<RoadmapGoalsRead>(RoadmapReader.Read(path));

        Assert.Equal("Café", Assert.Single(read.Goals).Text);
    }

    /// <summary>An ASCII roadmap of headings and task lists, padded with blank lines to exactly <paramref name="size"/> bytes.</summary>
    internal static (byte[] Content, int Goals) Roadmap(int size)
    {
        var text = new StringBuilder("# Roadmap\n\n");
        var goals = 0;
        for (var section = 0; ; section++)
        {
            var chunk = new StringBuilder($"## Section {section}\n\n");
            for (var item = 0; item < 20; item++)
            {
                chunk.Append($"- [{(item % 3 == 0 ? 'x' : ' ')}] Make *part {item}* of [section {section}](https://example.com/{section}) `faster`\n");
                chunk.Append($"  - [ ] Measure part {item}\n");
            }

            if (text.Length + chunk.Length > size)
            {
                break;
            }

            text.Append(chunk);
            goals += 40;
        }

        return (Encoding.ASCII.GetBytes(text.Append('\n', size - text.Length).ToString()), goals);
    }
}
