namespace ClawClip.Core.Policies;

/// <summary>The spelling of <see cref="OnFailure"/> in <c>clawclip.yaml</c> and in policy trailers.</summary>
public static class OnFailureNames
{
    public static string Name(this OnFailure onFailure) => onFailure switch
    {
        OnFailure.Continue => "continue",
        OnFailure.Halt => "halt",
        _ => throw new ArgumentOutOfRangeException(nameof(onFailure), onFailure, null),
    };

    public static bool TryParse(string? name, out OnFailure onFailure)
    {
        foreach (var candidate in Enum.GetValues<OnFailure>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.Ordinal))
            {
                onFailure = candidate;
                return true;
            }
        }

        onFailure = default;
        return false;
    }
}
