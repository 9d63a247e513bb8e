namespace ClawClip.Cli.Init;

/// <summary>The checks one kind of project suggests, and what suggested them.</summary>
/// <param name="Kind">The kind of project: dotnet, npm, python, cargo, go, make.</param>
/// <param name="Found">What in the repository says so, for the comment above the checks: <c>App.sln</c>.</param>
/// <param name="Build">The build command, program first; null when the kind has no separate build.</param>
/// <param name="Test">The test command, program first.</param>
internal sealed record CheckGuess(string Kind, string Found, IReadOnlyList<string>? Build, IReadOnlyList<string> Test);
