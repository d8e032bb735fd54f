/// A problem that stops a command after its arguments were fine (a file exists, a folder is
/// missing): printed as `Error: …` without the usage text that argument mistakes get.
struct CommandFailure: Error, CustomStringConvertible {
  var description: String

  init(_ description: String) {
    self.description = description
  }
}
