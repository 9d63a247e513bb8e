namespace ClawClip.State;

/// <summary>The steps of a transition, in order; a crash may fall between any two.</summary>
public enum TransitionStep
{
    /// <summary>The intent is recorded; no task file has moved yet.</summary>
    BeforeRename,

    /// <summary>The task file is in its new folder, still with its old content.</summary>
    AfterRename,

    /// <summary>The task file has its new content: the transition has happened.</summary>
    AfterTaskFile,

    /// <summary>The agents' <c>current-task.json</c> files are written too.</summary>
    AfterAgentFiles,

    /// <summary>The record is ready and about to be written as a commit.</summary>
    BeforeLineageCommit,

    /// <summary>The branch has moved; the records are not yet dropped from <c>state/pending/</c>.</summary>
    AfterLineageCommit,
}
