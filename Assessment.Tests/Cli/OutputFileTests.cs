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
}
