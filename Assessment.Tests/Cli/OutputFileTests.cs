using Assessment.Cli.Commands;
using Assessment.Core.Writing;
using Assessment.Tests.TestAssets;

namespace Assessment.Tests.Cli;

/// <summary>What a command writes to a folder (a CSV export from <c>convert</c>, the template) is there whole or not at
/// all: the files are written in a temporary folder and moved into place only once all are written.</summary>
public sealed class OutputFileTests : IDisposable
{
    private readonly TempExport _x = new();

    public void Dispose() => _x.Dispose();

    [Fact]
    public void WriteFolder_Written_MovesEveryFileInAndKeepsTheOthers()
    {
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "out")).FullName;
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(target, "units.csv"), "old");

        OutputFile.WriteFolder(target, temp =>
        {
            Path.GetDirectoryName(temp).Should().Be(target, "the temporary folder is inside the target, on its file system");
            File.WriteAllText(Path.Combine(temp, "units.csv"), "new");
            File.WriteAllText(Path.Combine(temp, "members.csv"), "new");
        });

        Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Should().BeEquivalentTo("notes.txt", "units.csv", "members.csv");
        File.ReadAllText(Path.Combine(target, "units.csv")).Should().Be("new");
        File.ReadAllText(Path.Combine(target, "notes.txt")).Should().Be("mine");
    }

    [Fact]
    public void WriteFolder_FailingPartWay_LeavesTheFolderAsItWas()
    {
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "out")).FullName;
        File.WriteAllText(Path.Combine(target, "units.csv"), "old");

        var act = () => OutputFile.WriteFolder(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "units.csv"), "new");
            throw new IOException("No space left on device");
        });

        act.Should().Throw<IOException>().WithMessage("No space left on device");
        Directory.GetFileSystemEntries(target).Select(Path.GetFileName).Should().Equal("units.csv");
        File.ReadAllText(Path.Combine(target, "units.csv")).Should().Be("old");
    }

    [Fact]
    public void WriteFolder_FailingInAFolderItMade_RemovesIt()
    {
        var target = Path.Combine(_x.Folder, "new", "out");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var act = () => OutputFile.WriteFolder(target, temp =>
        {
            File.WriteAllText(Path.Combine(temp, "units.csv"), "new");
            throw new FileTooLargeException(Path.Combine(temp, "units.csv"), null);
        });

        act.Should().Throw<FileTooLargeException>().WithMessage($"*ulimit -f*: {Path.Combine(target, "units.csv")}",
            "the message names the file the user will look for, not the temporary one");
        Directory.Exists(target).Should().BeFalse();
    }

    [Fact]
    public void WriteFolder_OntoAFile_IsAUsageError_AndLeavesTheFile()
    {
        var target = Path.Combine(_x.Folder, "export");
        File.WriteAllText(target, "mine");

        var act = () => OutputFile.WriteFolder(target, _ => throw new InvalidOperationException("not to be called"));

        act.Should().Throw<Assessment.Cli.UsageException>().WithMessage("*is a file, not a folder");
        File.ReadAllText(target).Should().Be("mine");
    }

    [Fact]
    public void AnOutputFileThatIsAFolder_IsRefusedBeforeAnyWork()
    {
        var act = () => OutputFile.CheckFolder(_x.Folder, "-o");

        act.Should().Throw<Assessment.Cli.UsageException>().WithMessage("-o *: 是文件夹，请给出文件名 / is a folder; give a file name");
        FluentActions.Invoking(() => OutputFile.CheckFolder(Path.Combine(_x.Folder, "scores.json"), "-o")).Should().NotThrow();
    }

    [Fact]
    public void WriteFile_TooLarge_NamesTheTarget()
    {
        var target = Path.Combine(_x.Folder, "out.json");

        var act = () => OutputFile.WriteFile(target, temp =>
        {
            File.WriteAllText(temp, "{");
            throw new FileTooLargeException(temp, null);
        });

        act.Should().Throw<FileTooLargeException>().WithMessage($"*: {target}");
        Directory.GetFileSystemEntries(_x.Folder).Should().BeEmpty();
    }

    [Fact]
    public void Write_FailingOnTheTemporaryFile_NamesTheTarget()
    {
        var target = Path.Combine(_x.Folder, "scores.json");
        string? temp = null;

        var act = () => OutputFile.Write(target, TextWriter.Null, _ =>
        {
            temp = Directory.GetFiles(_x.Folder).Single();
            throw new IOException($"No space left on device : '{temp}'");
        });

        act.Should().Throw<IOException>().WithMessage($"{target}: 无法写入 / cannot write: No space left on device : '{target}'",
            "the user looks for the file asked for, not the temporary one written in its place");
        temp.Should().NotBe(target);
        Directory.GetFileSystemEntries(_x.Folder).Should().BeEmpty();
    }

    [Fact]
    public void Write_AFailureElsewhere_IsReportedAsItIs()
    {
        // Reading the export goes on while the output is written (score -o reads unit by unit): its failures are not the
        // output file's.
        var input = Path.Combine(_x.Folder, "export", "sessions.csv");

        var act = () => OutputFile.Write(Path.Combine(_x.Folder, "scores.json"), TextWriter.Null, _ => throw new IOException($"Could not find file '{input}'."));

        act.Should().Throw<IOException>().WithMessage($"Could not find file '{input}'.");
    }

    [Fact]
    public void WriteFolder_FailingOnATemporaryFile_NamesTheFileInTheTarget()
    {
        var target = Directory.CreateDirectory(Path.Combine(_x.Folder, "out")).FullName;

        var act = () => OutputFile.WriteFolder(target, temp => throw new UnauthorizedAccessException($"Access to the path '{Path.Combine(temp, "units.csv")}' is denied."));

        act.Should().Throw<IOException>().WithMessage($"{target}: 无法写入 / cannot write: Access to the path '{Path.Combine(target, "units.csv")}' is denied.");
    }

    [Fact]
    public void WriteFile_FailingOnTheTarget_NamesIt()
    {
        // Renaming the temporary file over the target can fail on the target (a read-only file system): the message
        // then names the target already, and gets the bilingual prefix.
        var target = Path.Combine(_x.Folder, "out.json");

        var act = () => OutputFile.WriteFile(target, _ => throw new IOException($"Read-only file system : '{target}'"));

        act.Should().Throw<IOException>().WithMessage($"{target}: 无法写入 / cannot write: Read-only file system : '{target}'");
    }

    [Fact]
    public void WriteFile_FailingOnTheTemporaryFile_NamesTheTarget()
    {
        var target = Path.Combine(_x.Folder, "out.xlsx");

        var act = () => OutputFile.WriteFile(target, temp => throw new UnauthorizedAccessException($"Access to the path '{temp}' is denied."));

        act.Should().Throw<IOException>().WithMessage($"{target}: 无法写入 / cannot write: Access to the path '{target}' is denied.");
    }

    [Theory]
    [InlineData("score", "json")]
    [InlineData("score", "csv")]
    [InlineData("score", "html")]
    [InlineData("score", "markdown")]
    [InlineData("score", "table")]
    [InlineData("convert", "x.json")]
    [InlineData("convert", "x.xlsx")]
    [InlineData("convert", "csv")]
    [InlineData("template", "")]
    public void Commands_WritingWhereNoFileCanBeMade_NameTheTargetInOneLine(string command, string what)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc is a folder in which no file can be made, for root too
        }

        var target = command switch
        {
            "score" => $"/proc/assess-test.{what}",
            "convert" => $"/proc/assess-test-{what}",
            _ => "/proc/assess-test",
        };
        string[] args = command switch
        {
            "score" => ["score", CliRunner.Sample, "--format", what, "-o", target],
            "convert" => ["convert", CliRunner.Sample, target],
            _ => ["template", target],
        };

        var r = CliRunner.Run(args);

        r.Exit.Should().Be(2);
        r.Error.Should().StartWith($"assess: {target}: 无法写入 / cannot write: ").And.NotContain(".tmp").And.NotContain("spool");
        r.Error.TrimEnd().Split('\n').Should().ContainSingle();
    }
}
