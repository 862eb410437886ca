{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kms:Decrypt"],
      "Resource": [
        "arn:aws:kms:${region}:${account_id}:alias/${alias_name}"
      ]
    }
  ]
}
