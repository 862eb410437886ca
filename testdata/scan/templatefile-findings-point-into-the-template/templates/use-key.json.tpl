{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "UseKey",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:GenerateDataKey"],
      "Resource": [
        "${key_arn}",
        "arn:aws:kms:${region}:111122223333:alias/app"
      ]
    },
    {
      "Sid": "OwnPrefix",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bucket/$${aws:username}/*"
    },
    {
      "Sid": "AfterEscape",
      "Effect": "Allow",
      "Action": "kms:Encrypt",
      "Resource": ["arn:aws:s3:::$${aws:username}", "arn:aws:kms:${region}:111122223333:alias/other"]
    }
  ]
}
