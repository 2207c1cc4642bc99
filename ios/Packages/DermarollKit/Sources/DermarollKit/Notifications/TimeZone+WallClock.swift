import Foundation

extension TimeZone {
    /// The instant at which this zone's clocks show `wallClockSeconds`
    /// (seconds from 1970-01-01 00:00 on the local clock): the one instant
    /// that shows it; in an overlap the earlier of the two; in a gap, the
    /// reading taken with the offset in force before the gap (so it lands
    /// the gap's length later on the clock). Assumes at most one offset
    /// change within a day either side, as every zone has.
    func instant(showing wallClockSeconds: Int) -> Date {
        let before = secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClockSeconds - 86_400)))
        let after = secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wallClockSeconds + 86_400)))
        let showing = Set([before, after])
            .map { wallClockSeconds - $0 }
            .filter { secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) == wallClockSeconds - $0 }
        let seconds = showing.min() ?? wallClockSeconds - before
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
