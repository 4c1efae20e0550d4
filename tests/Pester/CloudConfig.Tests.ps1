BeforeAll {
    . (Join-Path $PSScriptRoot 'TestHelpers.ps1')

    function Invoke-Placed {
        # Runs a script block in a working folder and with a HOME of the test's own, with no OS_* variables, so only
        # the files placed there can be found.
        param([string] $WorkingFolder, [string] $HomeFolder, [hashtable] $Environment = @{}, [scriptblock] $Script)
        $saved = @(Get-ChildItem Env: | Where-Object { $_.Name -like 'OS_*' -or $_.Name -in 'HOME', 'XDG_CONFIG_HOME', 'USERPROFILE' })
        $saved | ForEach-Object { Remove-Item "Env:$($_.Name)" }
        $env:HOME = $HomeFolder
        $Environment.GetEnumerator() | ForEach-Object { Set-Item "Env:$($_.Key)" $_.Value }
        Push-Location $WorkingFolder
        try { & $Script }
        finally {
            Pop-Location
            Get-ChildItem Env: | Where-Object { $_.Name -like 'OS_*' -or $_.Name -in 'HOME', 'XDG_CONFIG_HOME', 'USERPROFILE' } | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            $saved | ForEach-Object { Set-Item "Env:$($_.Name)" $_.Value }
        }
    }

    function New-Folder([string] $Name) { (New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Name-$([guid]::NewGuid().ToString('n'))") -Force).FullName }
}

# Application credentials and the files the OpenStack clients read, against the backend's own Keystone.
Describe 'Application credentials, clouds.yaml and secure.yaml where the OpenStack clients look for them' {
    BeforeAll {
        $seed = Get-LabSeed
        $admin = New-LabToken
        $userId = (Invoke-RestMethod -Uri "$($seed.auth_url)/auth/tokens" -Headers @{ 'X-Auth-Token' = $admin; 'X-Subject-Token' = $admin }).token.user.id
        $secret = 'appcred-' + [guid]::NewGuid().ToString('n')
        $appCred = (Invoke-RestMethod -Method Post -Uri "$($seed.auth_url)/users/$userId/application_credentials" -Headers @{ 'X-Auth-Token' = $admin } -ContentType 'application/json' `
                -Body (@{ application_credential = @{ name = (New-TestName 'appcred'); secret = $secret } } | ConvertTo-Json)).application_credential
        $clouds = "clouds:`n  appcred:`n    auth_type: v3applicationcredential`n    auth:`n      auth_url: $($seed.auth_url)`n      application_credential_id: $($appCred.id)`n    region_name: $($seed.region)`n"
        $secure = "clouds:`n  appcred:`n    auth:`n      application_credential_secret: $secret`n"
        function Test-Works($session) {
            $session | Should -BeOfType OpenStackVpn.OpenStackSession
            (Get-IkePolicy -Id $seed.ikepolicy_id -Session $session).Id | Should -Be $seed.ikepolicy_id
        }
    }

    AfterAll {
        $null = Invoke-WebRequest -UseBasicParsing -Method Delete -Uri "$($seed.auth_url)/users/$userId/application_credentials/$($appCred.id)" -Headers @{ 'X-Auth-Token' = $admin }
    }

    It 'logs in with an application credential, and can renew the session itself' {
        $session = Connect-OpenStack -AuthUrl $seed.auth_url -ApplicationCredentialId $appCred.id -ApplicationCredentialSecret (ConvertTo-SecureString $secret -AsPlainText -Force)
        Test-Works $session
        $session.CanRenew | Should -BeTrue
    }

    It 'finds clouds.yaml and secure.yaml (the secret) in the working folder' {
        $work = New-Folder work
        Set-Content (Join-Path $work 'clouds.yaml') $clouds
        Set-Content (Join-Path $work 'secure.yaml') $secure
        $session = Invoke-Placed -WorkingFolder $work -HomeFolder (New-Folder home) -Script { Connect-OpenStack -Cloud appcred }
        Test-Works $session
    }

    It 'finds them in ~/.config/openstack' {
        $homeFolder = New-Folder home
        $config = New-Item -ItemType Directory -Path (Join-Path $homeFolder '.config/openstack') -Force
        Set-Content (Join-Path $config 'clouds.yaml') $clouds
        Set-Content (Join-Path $config 'secure.yaml') $secure
        $session = Invoke-Placed -WorkingFolder (New-Folder work) -HomeFolder $homeFolder -Script { Connect-OpenStack -Cloud appcred }
        Test-Works $session
    }

    It 'reads secure.yaml from OS_CLIENT_SECURE_FILE, and clouds.yaml from OS_CLIENT_CONFIG_FILE' {
        $elsewhere = New-Folder elsewhere
        Set-Content (Join-Path $elsewhere 'my-clouds.yaml') $clouds
        Set-Content (Join-Path $elsewhere 'my-secrets.yaml') $secure
        $files = @{ OS_CLIENT_CONFIG_FILE = (Join-Path $elsewhere 'my-clouds.yaml'); OS_CLIENT_SECURE_FILE = (Join-Path $elsewhere 'my-secrets.yaml') }
        $session = Invoke-Placed -WorkingFolder (New-Folder work) -HomeFolder (New-Folder home) -Environment $files -Script { Connect-OpenStack -Cloud appcred }
        Test-Works $session
    }

    It 'without the secure.yaml that holds the secret, says the secret is missing' {
        $work = New-Folder work
        Set-Content (Join-Path $work 'clouds.yaml') $clouds
        $record = Invoke-Placed -WorkingFolder $work -HomeFolder (New-Folder home) -Script { Get-ErrorRecord { Connect-OpenStack -Cloud appcred } }
        "$record" | Should -BeLike '*secret*'
    }

    It 'names the standard places it searched when there is no clouds.yaml' {
        $work = New-Folder work
        $homeFolder = New-Folder home
        $record = Invoke-Placed -WorkingFolder $work -HomeFolder $homeFolder -Script { Get-ErrorRecord { Connect-OpenStack -Cloud appcred } }
        # openstacksdk's order, each folder as .yaml, .yml and .json (the site folders between are /etc/xdg/openstack on Linux).
        "$record" | Should -BeLike "*Searched: $(Join-Path $work 'clouds.yaml'), $(Join-Path $work 'clouds.yml'), $(Join-Path $work 'clouds.json'), *$(Join-Path $homeFolder '.config/openstack/clouds.yaml'), *, /etc/openstack/clouds.yaml, /etc/openstack/clouds.yml, /etc/openstack/clouds.json.*"
    }
}
