//! Calendar formatting of the request time the host supplies.

/// A UTC instant broken into calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateTime {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    pub millis: u32,
    /// 0 = Sunday.
    pub weekday: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

impl DateTime {
    pub fn from_epoch_ms(ms: u64) -> DateTime {
        let secs = ms / 1000;
        let days = (secs / 86_400) as i64;
        let rem = secs % 86_400;
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: (rem / 3600) as u32,
            minute: (rem / 60 % 60) as u32,
            second: (rem % 60) as u32,
            millis: (ms % 1000) as u32,
            weekday: ((days + 4).rem_euclid(7)) as u32,
        }
    }

    fn month_name(&self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    fn weekday_name(&self) -> &'static str {
        WEEKDAYS[self.weekday as usize]
    }

    /// `$context.requestTime`: `25/Nov/2026:11:31:20 +0000`.
    pub fn clf(&self) -> String {
        format!(
            "{:02}/{}/{}:{:02}:{:02}:{:02} +0000",
            self.day,
            self.month_name(),
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// The HTTP `Date` header: `Wed, 25 Nov 2026 11:31:20 GMT`.
    pub fn http_date(&self) -> String {
        format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} GMT",
            self.weekday_name(),
            self.day,
            self.month_name(),
            self.year,
            self.hour,
            self.minute,
            self.second
        )
    }

    /// SigV4's `X-Amz-Date`: `20261125T113120Z`.
    pub fn amz_date(&self) -> String {
        format!(
            "{}{:02}{:02}T{:02}{:02}{:02}Z",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// The console's execution-log stamp: `Wed Nov 25 11:31:20 UTC 2026`.
    pub fn log_stamp(&self) -> String {
        format!(
            "{} {} {:02} {:02}:{:02}:{:02} UTC {}",
            self.weekday_name(),
            self.month_name(),
            self.day,
            self.hour,
            self.minute,
            self.second,
            self.year
        )
    }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_api_gateway() {
        let t = DateTime::from_epoch_ms(1_764_070_280_123);
        assert_eq!(t.http_date(), "Tue, 25 Nov 2025 11:31:20 GMT");
        assert_eq!(t.clf(), "25/Nov/2025:11:31:20 +0000");
        assert_eq!(t.log_stamp(), "Tue Nov 25 11:31:20 UTC 2025");
        assert_eq!(t.millis, 123);
        let epoch = DateTime::from_epoch_ms(0);
        assert_eq!(epoch.http_date(), "Thu, 01 Jan 1970 00:00:00 GMT");
        let leap = DateTime::from_epoch_ms(951_782_400_000);
        assert_eq!(leap.http_date(), "Tue, 29 Feb 2000 00:00:00 GMT");
    }
}
