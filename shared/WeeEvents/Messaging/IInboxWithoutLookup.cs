namespace WeeEvents.Messaging;

/// <summary>
/// A unit of work that can stage its inbox row without looking it up first, saving a round trip on a delivery that is
/// almost surely the first. The handling then runs even for a message handled before, and only the inbox's unique key
/// refuses it at commit (<see cref="DuplicateMessage"/>). Internal on purpose: that is safe only for a caller that also
/// settles a refused commit and a failed handling through the inbox (the messaging package's route processor), so it is
/// not offered to services; they use <see cref="IUnitOfWork.TryRecordHandledAsync"/>.
/// </summary>
internal interface IInboxWithoutLookup
{
    /// <summary>Stages the inbox row of <paramref name="messageId"/> for <paramref name="consumer"/> without looking it up.</summary>
    void RecordHandledWithoutLookup(string consumer, Guid messageId);
}
