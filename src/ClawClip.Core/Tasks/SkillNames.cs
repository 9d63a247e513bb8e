namespace ClawClip.Core.Tasks;

/// <summary>Skill names route tasks to agents (<c>csharp</c>, <c>docs</c>, <c>c#</c>, <c>c++</c>).</summary>
public static class SkillNames
{
    public static bool IsValid(string? skill)
    {
        if (string.IsNullOrEmpty(skill) || skill.Length > 40)
        {
            return false;
        }

        foreach (var c in skill)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '+' or '#'))
            {
                return false;
            }
        }

        return true;
    }
}
