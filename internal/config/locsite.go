package config

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// LocsiteOption is one keyword of the LOCSITE subcommand.
type LocsiteOption struct {
	Keyword   string // capitals are the minimum abbreviation, e.g. "FWFriendly"
	Statement string // statement it sets; "" for a z/OS-only option
	Value     string // fixed value for a toggle ("TRUE" or "FALSE"); "" when it takes =value
	NoEffect  bool   // z/OS-only option: accepted with a warning

	upper  string // Keyword in upper case
	minLen int    // length of MinAbbrev
}

// MinAbbrev returns the minimum abbreviation: the leading capitals and
// digits of the keyword.
func (o LocsiteOption) MinAbbrev() string {
	for i, r := range o.Keyword {
		if unicode.IsLower(r) {
			return o.Keyword[:i]
		}
	}
	return o.Keyword
}

// matches reports whether upperToken selects the option: it must be a
// prefix of the keyword at least as long as the minimum abbreviation.
func (o *LocsiteOption) matches(upperToken string) bool {
	return len(upperToken) >= o.minLen && strings.HasPrefix(o.upper, upperToken)
}

// zosOnlyLocsite are LOCSITE keywords about MVS data sets and other z/OS
// facilities. Spellings from IBM's LOCSIte syntax diagram (A-D confirmed) and
// the z/OS client's LOCSITE documentation (the rest, abbreviations unverified).
// Each also has a "NO" form where z/OS has one; zftp accepts "NO" + keyword.
var zosOnlyLocsite = []string{
	"ASAtrans", "AUTOMount", "AUTORecall", "BLKsize", "BLocks", "BLOCKSIze", "BUfno",
	"CHKPTFLUSH", "CHKptint", "CHKPTPrefix", "CHMod", "CONDdisp", "CTRLConn", "CYlinders",
	"DATAClass", "DATASetmode", "DB2", "DBSUB", "DCbdsn", "Directory", "DIRECTORYMode",
	"DSNTYPE", "DSWAITTIME", "EATTR", "ENcoding", "FIFOIOTIME", "FIFOOPENTIME", "FILEtype",
	"ISPFSTATS", "LISTSUBdir", "LRecl", "MBDATACONN", "MGmtclass", "MIGratevol", "PDSTYPE",
	"PRImary", "QUOTESOVerride", "RDW", "READTAPEFormat", "RECfm", "RETpd", "SBDataconn",
	"SBSUB", "SBSUBCHAR", "SECondary", "SPACETYPE", "SPRead", "STOrclass", "TRacks",
	"TRAILingblanks", "TRUNcate", "UCSHOSTCS", "UCSSUB", "UCSTRUNC", "UMask", "UNICODEFILESYSTEMBOM",
	"UNITname", "VCOUNT", "VOLume", "WRAPrecord",
}

// locsiteOptions is the LOCSITE table, read-only after initialisation.
var locsiteOptions = buildLocsite()

func buildLocsite() []LocsiteOption {
	var out []LocsiteOption
	for _, st := range statements {
		if st.Locsite == "" {
			continue
		}
		o := LocsiteOption{Keyword: st.Locsite, Statement: st.Name}
		if st.Kind == KindBool {
			o.Value = "TRUE"
		}
		out = append(out, o)
		if st.LocsiteOff != "" {
			out = append(out, LocsiteOption{Keyword: st.LocsiteOff, Statement: st.Name, Value: "FALSE"})
		}
	}
	for _, k := range zosOnlyLocsite {
		out = append(out, LocsiteOption{Keyword: k, NoEffect: true}, LocsiteOption{Keyword: "NO" + k, NoEffect: true})
	}
	for i := range out {
		out[i].upper = strings.ToUpper(out[i].Keyword)
		out[i].minLen = len(out[i].MinAbbrev())
	}
	return out
}

// LocsiteOptions returns a copy of the LOCSITE table.
func LocsiteOptions() []LocsiteOption { return slices.Clone(locsiteOptions) }

// findLocsite resolves a keyword token. An exact full keyword wins over
// abbreviations of longer keywords.
func findLocsite(token string) (LocsiteOption, error) {
	up := strings.ToUpper(token)
	var hits []LocsiteOption
	for i := range locsiteOptions {
		o := &locsiteOptions[i]
		if o.upper == up {
			return *o, nil
		}
		if o.matches(up) {
			hits = append(hits, *o)
		}
	}
	switch len(hits) {
	case 0:
		return LocsiteOption{}, fmt.Errorf("%w: %s", ErrUnknownOption, strings.ToUpper(token))
	case 1:
		return hits[0], nil
	}
	return LocsiteOption{}, fmt.Errorf("%w: %s", ErrAmbiguousOption, strings.ToUpper(token))
}

// locsiteItem is one "keyword" or "keyword=value" of a LOCSITE line.
type locsiteItem struct {
	key, value string
	hasValue   bool
}

// splitLocsite splits LOCSITE arguments into items. "KEY=VALUE",
// "KEY= VALUE", "KEY =VALUE" and "KEY = VALUE" are all one item.
func splitLocsite(args string) ([]locsiteItem, error) {
	fields := strings.Fields(args)
	var items []locsiteItem
	for i := 0; i < len(fields); i++ {
		key, val, has := strings.Cut(fields[i], "=")
		if !has && i+1 < len(fields) && strings.HasPrefix(fields[i+1], "=") {
			i++
			has, val = true, fields[i][1:]
		}
		if has && val == "" && i+1 < len(fields) {
			i++
			val = fields[i]
		}
		if key == "" {
			return nil, fmt.Errorf("%w: '=' without a keyword", ErrUnknownOption)
		}
		items = append(items, locsiteItem{key: key, value: val, hasValue: has})
	}
	return items, nil
}

// ApplyLocsite applies the arguments of a LOCSITE subcommand,
// "option [option ...]", where an option is a keyword (FWFriendly,
// NOFWFriendly, EPSV4, NOEPSV4, ...) or keyword=value (TLSRFCLEVEL=RFC4217,
// DATAKEEPALIVE=60, ...), abbreviated down to its capitals. z/OS-only
// options (BLKsize=, RECfm=, RDW, ...) are accepted with a warning. Any
// invalid option makes the whole subcommand fail and leaves s unchanged.
func (s *Settings) ApplyLocsite(args string) ([]Warning, error) {
	items, err := splitLocsite(args)
	if err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, ErrNoOptions
	}
	work := s.Clone()
	var warnings []Warning
	for _, it := range items {
		o, err := findLocsite(it.key)
		if err != nil {
			return nil, err
		}
		name := strings.ToUpper(o.Keyword)
		if o.NoEffect {
			warnings = append(warnings, Warning{ID: IDNoEffect, Statement: name,
				Text: fmt.Sprintf("LOCSITE option %s has no effect on this platform", name)})
			continue
		}
		st := lookupStatement(o.Statement)
		var vals []string
		switch {
		case o.Value != "" && it.hasValue:
			return nil, fmt.Errorf("%w: %s does not take a value", ErrBadValue, name)
		case o.Value != "":
			vals = []string{o.Value}
		case !it.hasValue || it.value == "":
			return nil, fmt.Errorf("%w: %s needs =value", ErrBadValue, name)
		default:
			vals = []string{it.value}
		}
		v, err := st.normalize(vals)
		if err != nil {
			return nil, err
		}
		if msg := st.set(work, v); msg != "" {
			warnings = append(warnings, Warning{ID: IDValueNote, Statement: st.Name, Text: msg})
		}
	}
	*s = *work
	return warnings, nil
}
