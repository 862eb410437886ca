stack "a" {
  source = "${find_in_parent_folders("stacks")}/a"
  path   = "a"
}
