import Foundation

/// The astronomy the lunar calendar needs: instants of new moons and the Sun's apparent longitude.
///
/// Formulas from Jean Meeus, *Astronomical Algorithms* (2nd ed.): chapter 49 (phases of the Moon, with its
/// periodic and planetary terms) and chapter 25 (solar coordinates, low accuracy, about 0.01°). Meeus's
/// results are in Terrestrial Time; civil days need Universal Time, so ΔT = TT − UT comes from the
/// polynomials of Espenak and Meeus (NASA, Five Millennium Canon of Solar Eclipses).
enum Astronomy {
    /// Julian Day of 1970-01-01 00:00 UT, where `LocalDate.dayNumber` 0 starts in UTC.
    static let unixEpochJulianDay = 2_440_587.5

    // MARK: - New moons

    /// Julian Ephemeris Day (TT) of the new moon with lunation number `k` (k = 0: 2000-01-06).
    static func newMoon(_ k: Int) -> Double {
        let k = Double(k)
        let t = k / 1236.85
        let t2 = t * t, t3 = t2 * t, t4 = t3 * t
        var jde = 2_451_550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4
        let e = 1 - 0.002516 * t - 0.0000074 * t2
        let m = radians(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3)
        let mp = radians(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4)
        let f = radians(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4)
        let omega = radians(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3)

        var correction = -0.40720 * sin(mp)
        correction += 0.17241 * e * sin(m)
        correction += 0.01608 * sin(2 * mp)
        correction += 0.01039 * sin(2 * f)
        correction += 0.00739 * e * sin(mp - m)
        correction -= 0.00514 * e * sin(mp + m)
        correction += 0.00208 * e * e * sin(2 * m)
        correction -= 0.00111 * sin(mp - 2 * f)
        correction -= 0.00057 * sin(mp + 2 * f)
        correction += 0.00056 * e * sin(2 * mp + m)
        correction -= 0.00042 * sin(3 * mp)
        correction += 0.00042 * e * sin(m + 2 * f)
        correction += 0.00038 * e * sin(m - 2 * f)
        correction -= 0.00024 * e * sin(2 * mp - m)
        correction -= 0.00017 * sin(omega)
        correction -= 0.00007 * sin(mp + 2 * m)
        correction += 0.00004 * sin(2 * mp - 2 * f)
        correction += 0.00004 * sin(3 * m)
        correction += 0.00003 * sin(mp + m - 2 * f)
        correction += 0.00003 * sin(2 * mp + 2 * f)
        correction -= 0.00003 * sin(mp + m + 2 * f)
        correction += 0.00003 * sin(mp - m + 2 * f)
        correction -= 0.00002 * sin(mp - m - 2 * f)
        correction -= 0.00002 * sin(3 * mp + m)
        correction += 0.00002 * sin(4 * mp)
        jde += correction

        // Planetary perturbations (the A1…A14 arguments).
        let planetary: [(Double, Double, Double)] = [
            (0.000325, 299.77 + 0.107408 * k - 0.009173 * t2, 0), (0.000165, 251.88, 0.016321),
            (0.000164, 251.83, 26.651886), (0.000126, 349.42, 36.412478), (0.000110, 84.66, 18.206239),
            (0.000062, 141.74, 53.303771), (0.000060, 207.14, 2.453732), (0.000056, 154.84, 7.306860),
            (0.000047, 34.52, 27.261239), (0.000042, 207.19, 0.121824), (0.000040, 291.34, 1.844379),
            (0.000037, 161.72, 24.198154), (0.000035, 239.56, 25.513099), (0.000023, 331.55, 3.592518),
        ]
        for (coefficient, base, rate) in planetary {
            jde += coefficient * sin(radians(base + rate * k))
        }
        return jde
    }

    /// The lunation number of the last new moon at or before a Julian Day (approximate, then adjusted).
    static func lunation(atOrBefore julianDay: Double) -> Int {
        var k = Int(((julianDay - 2_451_550.09766) / 29.530588861).rounded(.down))
        while newMoon(k + 1) <= julianDay { k += 1 }
        while newMoon(k) > julianDay { k -= 1 }
        return k
    }

    // MARK: - The Sun

    /// Apparent geometric longitude of the Sun in degrees [0, 360), at a Julian Ephemeris Day.
    static func solarLongitude(_ jde: Double) -> Double {
        let t = (jde - 2_451_545.0) / 36525
        let l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
        let m = radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
        let center =
            (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m)
            + (0.019993 - 0.000101 * t) * sin(2 * m)
            + 0.000289 * sin(3 * m)
        let omega = radians(125.04 - 1934.136 * t)
        let apparent = l0 + center - 0.00569 - 0.00478 * sin(omega)
        let reduced = apparent.truncatingRemainder(dividingBy: 360)
        return reduced < 0 ? reduced + 360 : reduced
    }

    /// The Julian Ephemeris Day, near `estimate`, when the Sun's apparent longitude reaches `longitude`.
    static func solarLongitudeCrossing(_ longitude: Double, near estimate: Double) -> Double {
        var jde = estimate
        for _ in 0..<20 {
            var difference = longitude - solarLongitude(jde)
            difference -= 360 * (difference / 360).rounded()
            // The Sun moves about 360° / 365.2422 days.
            let step = difference * 365.2422 / 360
            jde += step
            if abs(step) < 1e-7 { break }
        }
        return jde
    }

    // MARK: - Time scales

    /// ΔT = TT − UT in seconds, for a decimal year (Espenak & Meeus polynomials, 1860–2200+).
    static func deltaT(year y: Double) -> Double {
        switch y {
        case ..<1900:
            let t = y - 1860
            return 7.62 + 0.5737 * t - 0.251754 * t * t + 0.01680668 * pow(t, 3) - 0.0004473624 * pow(t, 4) + pow(t, 5) / 233_174
        case ..<1920:
            let t = y - 1900
            return -2.79 + 1.494119 * t - 0.0598939 * t * t + 0.0061966 * pow(t, 3) - 0.000197 * pow(t, 4)
        case ..<1941:
            let t = y - 1920
            return 21.20 + 0.84493 * t - 0.076100 * t * t + 0.0020936 * pow(t, 3)
        case ..<1961:
            let t = y - 1950
            return 29.07 + 0.407 * t - t * t / 233 + pow(t, 3) / 2547
        case ..<1986:
            let t = y - 1975
            return 45.45 + 1.067 * t - t * t / 260 - pow(t, 3) / 718
        case ..<2005:
            let t = y - 2000
            return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * pow(t, 3) + 0.000651814 * pow(t, 4) + 0.00002373599 * pow(t, 5)
        case ..<2050:
            let t = y - 2000
            return 62.92 + 0.32217 * t + 0.005589 * t * t
        case ..<2150:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u - 0.5628 * (2150 - y)
        default:
            let u = (y - 1820) / 100
            return -20 + 32 * u * u
        }
    }

    /// Universal Time Julian Day of a Julian Ephemeris Day.
    static func universalTime(_ jde: Double) -> Double {
        jde - deltaT(year: 2000 + (jde - 2_451_545.0) / 365.25) / 86400
    }

    /// Julian Ephemeris Day of a Universal Time Julian Day.
    static func ephemerisTime(_ julianDay: Double) -> Double {
        julianDay + deltaT(year: 2000 + (julianDay - 2_451_545.0) / 365.25) / 86400
    }

    /// The Vietnamese civil day (UTC+7) containing a Universal Time Julian Day.
    static func vietnameseDay(ofUniversal julianDay: Double) -> Int {
        Int((julianDay - unixEpochJulianDay + Double(VietnamTime.utcOffsetSeconds) / 86400).rounded(.down))
    }

    /// Universal Time Julian Day of Vietnamese midnight starting a day.
    static func universalMidnight(ofVietnameseDay day: Int) -> Double {
        Double(day) + unixEpochJulianDay - Double(VietnamTime.utcOffsetSeconds) / 86400
    }

    static func radians(_ degrees: Double) -> Double {
        degrees * .pi / 180
    }
}
