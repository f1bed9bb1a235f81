package parser

import "github.com/p9tools/p9/diag"

// Error is a problem at a source position (package diag's).
type Error = diag.Error

// ErrorList is every error found in a file, in source order.
type ErrorList = diag.List

// MaxErrors bounds the errors one stage (parsing, encoding) collects for
// a file; the error after the last kept one is reported as TooManyErrors.
const MaxErrors = diag.MaxErrors

// TooManyErrors is the message that ends a list cut at MaxErrors.
const TooManyErrors = diag.TooMany
